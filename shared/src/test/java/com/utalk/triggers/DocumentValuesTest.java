package com.utalk.triggers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.NoCredentials;
import com.google.cloud.Timestamp;
import com.google.cloud.firestore.Blob;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.FirestoreOptions;
import com.google.cloud.firestore.GeoPoint;
import com.google.events.cloud.firestore.v1.Value;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A trigger handler reads an event's document with the same Java types a DocumentSnapshot gives:
 * every Firestore value type survives the trip to the event's protobuf and back.
 */
class DocumentValuesTest {
  private static final String DATABASE = "projects/utalk-test/databases/(default)";

  private static Object roundTrip(Object value) {
    return DocumentValues.toJava(DocumentValues.toProto(value, DATABASE));
  }

  @Test
  void everyScalarTypeComesBackAsTheClientReadsIt() {
    assertNull(roundTrip(null));
    assertEquals(true, roundTrip(true));
    assertEquals("hola", roundTrip("hola"));
    assertEquals(2.5, roundTrip(2.5));
    assertEquals(1.5, roundTrip(1.5f));
    Timestamp at = Timestamp.ofTimeSecondsAndNanos(1_733_300_000L, 123_456_000);
    assertEquals(at, roundTrip(at));
    Timestamp millis = Timestamp.ofTimeSecondsAndNanos(1_733_300_000L, 123_000_000);
    assertEquals(
        millis, roundTrip(millis.toDate()), "a Date (milliseconds) is stored as a timestamp");
    assertEquals(new GeoPoint(19.43, -99.13), roundTrip(new GeoPoint(19.43, -99.13)));
  }

  @Test
  void wholeNumbersOfAnyWidthAreLongsAsFirestoreReturnsThem() {
    for (Object number : List.of(7L, 7, (short) 7, (byte) 7)) {
      assertEquals(7L, roundTrip(number), number.getClass().getSimpleName());
    }
  }

  @Test
  void bytesFromABlobOrAnArrayAreABlob() {
    byte[] raw = {0, 1, (byte) 0xff};
    assertArrayEquals(raw, ((Blob) roundTrip(Blob.fromBytes(raw))).toBytes());
    assertArrayEquals(raw, ((Blob) roundTrip(raw)).toBytes());
  }

  @Test
  void aReferenceArrivesAsItsFullResourceName() throws Exception {
    try (Firestore firestore =
        FirestoreOptions.newBuilder()
            .setProjectId("utalk-test")
            .setCredentials(NoCredentials.getInstance())
            .build()
            .getService()) {
      Value proto = DocumentValues.toProto(firestore.document("conversations/c-1"), DATABASE);
      assertEquals(DATABASE + "/documents/conversations/c-1", proto.getReferenceValue());
      assertEquals(DATABASE + "/documents/conversations/c-1", DocumentValues.toJava(proto));
    }
  }

  @Test
  void listsAndMapsNestAndKeepNulls() {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("body", "hola");
    message.put("seq", 3L);
    message.put("media", null);
    message.put("tags", List.of("vip", 2L, List.of(true)));
    message.put("sender", Map.of("id", "u-1", "at", Timestamp.ofTimeSecondsAndNanos(10, 0)));

    Map<String, Object> back = DocumentValues.toJava(DocumentValues.toProto(message, DATABASE));

    assertEquals(message, back);
    assertTrue(back.containsKey("media"), "a null field is still a field");
  }

  @Test
  void anUnsetValueReadsAsNull() {
    assertNull(DocumentValues.toJava(Value.getDefaultInstance()));
  }

  @Test
  void aTypeFirestoreCannotStoreIsNamed() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> DocumentValues.toProto(new StringBuilder("x"), DATABASE));
    assertEquals("unsupported Firestore value type java.lang.StringBuilder", e.getMessage());
  }
}
