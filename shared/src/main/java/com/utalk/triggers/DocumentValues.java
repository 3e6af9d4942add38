package com.utalk.triggers;

import com.google.cloud.Timestamp;
import com.google.cloud.firestore.Blob;
import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.GeoPoint;
import com.google.events.cloud.firestore.v1.ArrayValue;
import com.google.events.cloud.firestore.v1.MapValue;
import com.google.events.cloud.firestore.v1.Value;
import com.google.protobuf.ByteString;
import com.google.protobuf.NullValue;
import com.google.type.LatLng;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts between the Firestore client's Java field values and the protobuf {@link Value}s of a
 * {@code DocumentEventData}, so trigger handlers read the same Java types ({@link Timestamp},
 * {@code Long}, {@code Boolean}, ...) as code that reads a {@code DocumentSnapshot}.
 */
public final class DocumentValues {
  private DocumentValues() {}

  public static Map<String, Object> toJava(Map<String, Value> fields) {
    Map<String, Object> map = new HashMap<>();
    fields.forEach((name, value) -> map.put(name, toJava(value)));
    return map;
  }

  public static Object toJava(Value value) {
    return switch (value.getValueTypeCase()) {
      case NULL_VALUE, VALUETYPE_NOT_SET -> null;
      case BOOLEAN_VALUE -> value.getBooleanValue();
      case INTEGER_VALUE -> value.getIntegerValue();
      case DOUBLE_VALUE -> value.getDoubleValue();
      case TIMESTAMP_VALUE ->
          Timestamp.ofTimeSecondsAndNanos(
              value.getTimestampValue().getSeconds(), value.getTimestampValue().getNanos());
      case STRING_VALUE -> value.getStringValue();
      case BYTES_VALUE -> Blob.fromByteString(value.getBytesValue());
      // A reference arrives as its full resource name; handlers only ever need the path text.
      case REFERENCE_VALUE -> value.getReferenceValue();
      case GEO_POINT_VALUE ->
          new GeoPoint(
              value.getGeoPointValue().getLatitude(), value.getGeoPointValue().getLongitude());
      case ARRAY_VALUE -> {
        List<Object> list = new ArrayList<>();
        value.getArrayValue().getValuesList().forEach(item -> list.add(toJava(item)));
        yield list;
      }
      case MAP_VALUE -> toJava(value.getMapValue().getFieldsMap());
    };
  }

  public static Map<String, Value> toProto(Map<String, Object> fields, String databaseName) {
    Map<String, Value> map = new LinkedHashMap<>();
    fields.forEach((name, value) -> map.put(name, toProto(value, databaseName)));
    return map;
  }

  /**
   * {@code databaseName} is {@code projects/{p}/databases/(default)}, used for reference values.
   */
  @SuppressWarnings("unchecked")
  public static Value toProto(Object value, String databaseName) {
    Value.Builder out = Value.newBuilder();
    if (value == null) {
      return out.setNullValue(NullValue.NULL_VALUE).build();
    }
    if (value instanceof Boolean b) {
      return out.setBooleanValue(b).build();
    }
    if (value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte) {
      return out.setIntegerValue(((Number) value).longValue()).build();
    }
    if (value instanceof Number n) {
      return out.setDoubleValue(n.doubleValue()).build();
    }
    if (value instanceof Timestamp t) {
      return out.setTimestampValue(
              com.google.protobuf.Timestamp.newBuilder()
                  .setSeconds(t.getSeconds())
                  .setNanos(t.getNanos()))
          .build();
    }
    if (value instanceof Date d) {
      return toProto(Timestamp.of(d), databaseName);
    }
    if (value instanceof String s) {
      return out.setStringValue(s).build();
    }
    if (value instanceof Blob blob) {
      return out.setBytesValue(blob.toByteString()).build();
    }
    if (value instanceof byte[] bytes) {
      return out.setBytesValue(ByteString.copyFrom(bytes)).build();
    }
    if (value instanceof DocumentReference ref) {
      return out.setReferenceValue(databaseName + "/documents/" + ref.getPath()).build();
    }
    if (value instanceof GeoPoint point) {
      return out.setGeoPointValue(
              LatLng.newBuilder()
                  .setLatitude(point.getLatitude())
                  .setLongitude(point.getLongitude()))
          .build();
    }
    if (value instanceof List<?> list) {
      ArrayValue.Builder array = ArrayValue.newBuilder();
      list.forEach(item -> array.addValues(toProto(item, databaseName)));
      return out.setArrayValue(array).build();
    }
    if (value instanceof Map<?, ?> map) {
      return out.setMapValue(
              MapValue.newBuilder().putAllFields(toProto((Map<String, Object>) map, databaseName)))
          .build();
    }
    throw new IllegalArgumentException(
        "unsupported Firestore value type " + value.getClass().getName());
  }
}
