package com.utalk.emulators.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the stand-in checks on every Chat Completions request, so a test fails when the bot sends
 * something a real endpoint would refuse or misread: the model, the message list (system prompt
 * first, a customer turn last, string contents, known roles) and the tools (each required tool
 * offered as a function with an object schema that requires its arguments).
 */
final class RequestChecks {
  private static final Set<String> ROLES =
      Set.of("system", "developer", "user", "assistant", "tool");

  private RequestChecks() {}

  static List<String> problems(
      JsonNode body, String expectedModel, Map<String, List<String>> requiredTools) {
    List<String> problems = new ArrayList<>();
    if (body == null || !body.isObject()) {
      problems.add("body is not a JSON object");
      return problems;
    }
    String model = body.path("model").asText("");
    if (model.isBlank()) {
      problems.add("model is missing");
    } else if (expectedModel != null && !expectedModel.equals(model)) {
      problems.add("model is '" + model + "', expected '" + expectedModel + "'");
    }
    JsonNode messages = body.path("messages");
    if (!messages.isArray() || messages.isEmpty()) {
      problems.add("messages must be a non-empty array");
    } else {
      if (!"system".equals(messages.get(0).path("role").asText())) {
        problems.add("the first message must be the system prompt");
      }
      if (!"user".equals(messages.get(messages.size() - 1).path("role").asText())) {
        problems.add("the last message must be the customer's (role user)");
      }
      for (JsonNode message : messages) {
        String role = message.path("role").asText("");
        if (!ROLES.contains(role)) {
          problems.add("unknown role '" + role + "'");
        }
        if (!message.path("content").isTextual() || message.path("content").asText().isBlank()) {
          problems.add("a " + role + " message has no text content");
        }
      }
    }
    JsonNode tools = body.path("tools");
    for (Map.Entry<String, List<String>> required : requiredTools.entrySet()) {
      JsonNode tool = findTool(tools, required.getKey());
      if (tool == null) {
        problems.add("tool " + required.getKey() + " is not offered");
        continue;
      }
      JsonNode parameters = tool.path("function").path("parameters");
      if (!"object".equals(parameters.path("type").asText())) {
        problems.add("tool " + required.getKey() + " parameters must be an object schema");
      }
      for (String argument : required.getValue()) {
        if (!parameters.path("properties").has(argument)) {
          problems.add("tool " + required.getKey() + " does not declare argument " + argument);
        }
        boolean listed = false;
        for (JsonNode name : parameters.path("required")) {
          listed |= argument.equals(name.asText());
        }
        if (!listed) {
          problems.add("tool " + required.getKey() + " does not require argument " + argument);
        }
      }
    }
    if (body.has("tools") && tools.size() != requiredTools.size() && !requiredTools.isEmpty()) {
      problems.add("expected exactly " + requiredTools.size() + " tool(s), got " + tools.size());
    }
    return problems;
  }

  private static JsonNode findTool(JsonNode tools, String name) {
    for (JsonNode tool : tools) {
      if ("function".equals(tool.path("type").asText())
          && name.equals(tool.path("function").path("name").asText())) {
        return tool;
      }
    }
    return null;
  }
}
