package com.utalk.emulators.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One request the stand-in received: the parsed body and any ways in which it breaks the Chat
 * Completions contract we rely on ({@code problems} empty means the request was well formed).
 */
public record RecordedRequest(
    String path, String authorization, JsonNode body, List<String> problems) {
  public String model() {
    return body == null ? null : body.path("model").asText(null);
  }

  /** The {@code content} of the last message with {@code role}, or null. */
  public String lastContent(String role) {
    if (body == null) {
      return null;
    }
    String found = null;
    for (JsonNode message : body.path("messages")) {
      if (role.equals(message.path("role").asText())) {
        found = message.path("content").asText(null);
      }
    }
    return found;
  }

  public List<String> roles() {
    List<String> roles = new java.util.ArrayList<>();
    body.path("messages").forEach(message -> roles.add(message.path("role").asText()));
    return roles;
  }

  public List<String> toolNames() {
    List<String> names = new java.util.ArrayList<>();
    body.path("tools").forEach(tool -> names.add(tool.path("function").path("name").asText()));
    return names;
  }
}
