package com.utalk.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.utalk.errors.ValidationException;
import java.util.Iterator;
import java.util.Map;

/**
 * Every string of an untrusted JSON document (values and field names, at any depth) is well-formed
 * Unicode and at most {@code maxChars} long; the document is at most {@value #MAX_DEPTH} levels
 * deep. Field-specific caps are tighter and checked where the field is read; this is the floor no
 * field escapes.
 */
public final class JsonText {
  public static final int MAX_DEPTH = 16;

  private JsonText() {}

  public static void check(JsonNode node, int maxChars) {
    check(node, maxChars, null, 0);
  }

  private static void check(JsonNode node, int maxChars, String field, int depth) {
    if (depth > MAX_DEPTH) {
      throw new ValidationException(field, "JSON is nested deeper than " + MAX_DEPTH + " levels");
    }
    if (node.isTextual()) {
      Text.check(field, node.textValue(), maxChars);
    } else if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> entry = fields.next();
        Text.check(null, entry.getKey(), 256);
        check(entry.getValue(), maxChars, depth == 0 ? entry.getKey() : field, depth + 1);
      }
    } else if (node.isArray()) {
      for (JsonNode item : node) {
        check(item, maxChars, field, depth + 1);
      }
    }
  }
}
