package com.utalk.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.utalk.json.Json;
import java.io.IOException;

/** One backed-up document per line: {@code {"path": "...", "fields": {...}}}. */
final class JsonLines {
  static final String PATH = "path";
  static final String FIELDS = "fields";

  private JsonLines() {}

  static byte[] line(String path, ObjectNode fields) throws IOException {
    ObjectNode node = Json.object();
    node.put(PATH, path);
    node.set(FIELDS, fields);
    return Json.mapper().writeValueAsBytes(node);
  }

  static JsonNode parse(byte[] line, int from, int length) throws IOException {
    return Json.mapper().readTree(line, from, length);
  }
}
