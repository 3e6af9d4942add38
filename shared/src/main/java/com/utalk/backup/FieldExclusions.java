package com.utalk.backup;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Removes dotted field paths ({@code metadata.sensitive}) from a document's fields, leaving the
 * input untouched.
 */
final class FieldExclusions {
  private FieldExclusions() {}

  static Map<String, Object> without(Map<String, Object> fields, List<String> excluded) {
    if (excluded.isEmpty()) {
      return fields;
    }
    Map<String, Object> copy = new HashMap<>(fields);
    for (String path : excluded) {
      remove(copy, path.split("\\."), 0);
    }
    return copy;
  }

  /** The excluded fields a stored document still has, by dotted path. */
  static Map<String, Object> pick(
      com.google.cloud.firestore.DocumentSnapshot doc, List<String> excluded) {
    Map<String, Object> picked = new HashMap<>();
    for (String path : excluded) {
      Object value = doc.get(com.google.cloud.firestore.FieldPath.of(path.split("\\.")));
      if (value != null) {
        picked.put(path, value);
      }
    }
    return picked;
  }

  /** Puts picked fields back into a restored document's fields (which lack them). */
  @SuppressWarnings("unchecked")
  static void putBack(Map<String, Object> fields, Map<String, Object> picked) {
    picked.forEach(
        (path, value) -> {
          String[] segments = path.split("\\.");
          Map<String, Object> map = fields;
          for (int i = 0; i < segments.length - 1; i++) {
            Object child = map.get(segments[i]);
            Map<String, Object> copy =
                child instanceof Map<?, ?> m
                    ? new HashMap<>((Map<String, Object>) m)
                    : new HashMap<>();
            map.put(segments[i], copy);
            map = copy;
          }
          map.put(segments[segments.length - 1], value);
        });
  }

  @SuppressWarnings("unchecked")
  private static void remove(Map<String, Object> map, String[] path, int depth) {
    String key = path[depth];
    if (depth == path.length - 1) {
      map.remove(key);
      return;
    }
    if (map.get(key) instanceof Map<?, ?> nested) {
      Map<String, Object> child = new HashMap<>((Map<String, Object>) nested);
      remove(child, path, depth + 1);
      map.put(key, child);
    }
  }
}
