package com.utalk.functions.api;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A path such as {@code /api/conversations/{id}/messages}; a {@code {name}} segment matches one
 * segment. The framework hands over the path already percent-decoded (Jetty's canonical path, which
 * itself refuses {@code %2F}, {@code %25}, {@code %00} and invalid UTF-8), so segments are not
 * decoded a second time.
 */
public record PathTemplate(String template, List<String> segments) {
  public static PathTemplate of(String template) {
    return new PathTemplate(template, List.of(template.substring(1).split("/")));
  }

  /** The path parameters when {@code path} matches. */
  public Optional<Map<String, String>> match(String path) {
    String trimmed =
        path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    String[] parts = trimmed.substring(trimmed.startsWith("/") ? 1 : 0).split("/", -1);
    if (parts.length != segments.size()) {
      return Optional.empty();
    }
    Map<String, String> parameters = new HashMap<>();
    for (int i = 0; i < parts.length; i++) {
      String segment = segments.get(i);
      if (segment.startsWith("{") && segment.endsWith("}")) {
        if (parts[i].isEmpty()) {
          return Optional.empty();
        }
        parameters.put(segment.substring(1, segment.length() - 1), parts[i]);
      } else if (!segment.equals(parts[i])) {
        return Optional.empty();
      }
    }
    return Optional.of(parameters);
  }

  @Override
  public String toString() {
    return template;
  }
}
