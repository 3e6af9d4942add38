package com.utalk.backup;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Removes dotted field paths ({@code metadata.sensitive}) from a document's fields, leaving the input untouched. */
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
