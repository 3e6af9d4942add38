package com.utalk.emulators.firestoretrigger;

import java.util.List;

/**
 * An Eventarc Firestore path pattern such as {@code messages/{messageId}} or {@code
 * conversations/{conversationId}/events/{seq}}: literal collection ids alternating with wildcards
 * (or literal document ids). Multi-segment wildcards ({@code {x=**}}) are not needed here.
 */
record DocumentPattern(String text, List<String> segments) {
  static DocumentPattern parse(String pattern) {
    List<String> segments = List.of(pattern.replaceAll("^/+|/+$", "").split("/"));
    if (segments.size() % 2 != 0) {
      throw new IllegalArgumentException(
          "a document pattern has an even number of segments: " + pattern);
    }
    for (String segment : segments) {
      if (segment.contains("**")) {
        throw new IllegalArgumentException(
            "multi-segment wildcards are not supported by the local bridge: " + pattern);
      }
    }
    return new DocumentPattern(pattern, segments);
  }

  /** The collection id the documents live in (the second-to-last segment). */
  String collectionId() {
    return segments.get(segments.size() - 2);
  }

  boolean topLevel() {
    return segments.size() == 2;
  }

  boolean matches(String documentPath) {
    String[] parts = documentPath.split("/");
    if (parts.length != segments.size()) {
      return false;
    }
    for (int i = 0; i < parts.length; i++) {
      String segment = segments.get(i);
      boolean wildcard = segment.startsWith("{") && segment.endsWith("}");
      if (!wildcard && !segment.equals(parts[i])) {
        return false;
      }
    }
    return true;
  }
}
