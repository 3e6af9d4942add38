package com.utalk.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.Timestamp;
import com.google.cloud.firestore.Blob;
import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.GeoPoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Firestore values as JSON without losing their type: timestamps, bytes, geo points, references and
 * non-finite doubles become one-key objects tagged with {@code $}; a map whose own keys start with
 * {@code $} is wrapped in {@code $map} so that it is never mistaken for a tag. Map keys are written
 * sorted, so the same document always gives the same bytes (the restore check compares hashes).
 */
public final class FirestoreValueCodec {
  static final String TIMESTAMP = "$timestamp";
  static final String BYTES = "$bytes";
  static final String GEO = "$geo";
  static final String REFERENCE = "$ref";
  static final String DOUBLE = "$double";
  static final String MAP = "$map";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private FirestoreValueCodec() {}

  public static ObjectNode encodeFields(Map<String, Object> fields) {
    ObjectNode node = NODES.objectNode();
    new TreeMap<>(fields).forEach((key, value) -> node.set(key, encode(value)));
    return node;
  }

  @SuppressWarnings("unchecked")
  static JsonNode encode(Object value) {
    if (value == null) {
      return NODES.nullNode();
    }
    if (value instanceof Boolean b) {
      return NODES.booleanNode(b);
    }
    if (value instanceof Long || value instanceof Integer) {
      return NODES.numberNode(((Number) value).longValue());
    }
    if (value instanceof Double d) {
      return Double.isFinite(d)
          ? NODES.numberNode(d)
          : tagged(DOUBLE, NODES.textNode(d.toString()));
    }
    if (value instanceof String s) {
      return NODES.textNode(s);
    }
    if (value instanceof Timestamp t) {
      return tagged(
          TIMESTAMP,
          NODES.textNode(Instant.ofEpochSecond(t.getSeconds(), t.getNanos()).toString()));
    }
    if (value instanceof Blob blob) {
      return tagged(BYTES, NODES.textNode(Base64.getEncoder().encodeToString(blob.toBytes())));
    }
    if (value instanceof GeoPoint geo) {
      ObjectNode point = NODES.objectNode();
      point.put("lat", geo.getLatitude());
      point.put("lng", geo.getLongitude());
      return tagged(GEO, point);
    }
    if (value instanceof DocumentReference ref) {
      return tagged(REFERENCE, NODES.textNode(ref.getPath()));
    }
    if (value instanceof List<?> list) {
      ArrayNode array = NODES.arrayNode();
      list.forEach(item -> array.add(encode(item)));
      return array;
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode fields = encodeFields((Map<String, Object>) map);
      boolean clashes = map.keySet().stream().anyMatch(k -> k.toString().startsWith("$"));
      return clashes ? tagged(MAP, fields) : fields;
    }
    throw new IllegalArgumentException(
        "a Firestore value of an unsupported type: " + value.getClass().getName());
  }

  /**
   * The document's fields as Firestore values again; references are rebuilt on {@code firestore}.
   */
  public static Map<String, Object> decodeFields(JsonNode fields, Firestore firestore) {
    Map<String, Object> map = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> entries = fields.fields();
    while (entries.hasNext()) {
      Map.Entry<String, JsonNode> entry = entries.next();
      map.put(entry.getKey(), decode(entry.getValue(), firestore));
    }
    return map;
  }

  static Object decode(JsonNode node, Firestore firestore) {
    if (node.isNull()) {
      return null;
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber()) {
      return node.longValue();
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>(node.size());
      node.forEach(item -> list.add(decode(item, firestore)));
      return list;
    }
    if (node.size() == 1) {
      String tag = node.fieldNames().next();
      JsonNode value = node.get(tag);
      switch (tag) {
        case TIMESTAMP -> {
          Instant instant = Instant.parse(value.textValue());
          return Timestamp.ofTimeSecondsAndNanos(instant.getEpochSecond(), instant.getNano());
        }
        case BYTES -> {
          return Blob.fromBytes(Base64.getDecoder().decode(value.textValue()));
        }
        case GEO -> {
          return new GeoPoint(value.get("lat").doubleValue(), value.get("lng").doubleValue());
        }
        case REFERENCE -> {
          return firestore.document(value.textValue());
        }
        case DOUBLE -> {
          return Double.valueOf(value.textValue());
        }
        case MAP -> {
          return decodeFields(value, firestore);
        }
        default -> {
          // an ordinary one-field map
        }
      }
    }
    return decodeFields(node, firestore);
  }

  private static ObjectNode tagged(String tag, JsonNode value) {
    ObjectNode node = NODES.objectNode();
    node.set(tag, value);
    return node;
  }
}
