package com.utalk.kpi;

import com.utalk.storage.Timestamps;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Lenient reads of stored fields: the KPI code sees documents written by several versions of the
 * code.
 */
final class Fields {
  private Fields() {}

  static String string(Map<String, Object> fields, String name) {
    Object value = fields.get(name);
    return value instanceof String s ? s : null;
  }

  static boolean bool(Map<String, Object> fields, String name) {
    return Boolean.TRUE.equals(fields.get(name));
  }

  static Long number(Map<String, Object> fields, String name) {
    Object value = fields.get(name);
    return value instanceof Number n ? n.longValue() : null;
  }

  static Instant instant(Map<String, Object> fields, String name) {
    try {
      return Timestamps.toInstant(fields.get(name));
    } catch (RuntimeException e) {
      return null;
    }
  }

  static boolean nonEmptyList(Map<String, Object> fields, String name) {
    return fields.get(name) instanceof List<?> list && !list.isEmpty();
  }
}
