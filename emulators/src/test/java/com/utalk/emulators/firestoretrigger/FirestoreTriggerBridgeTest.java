package com.utalk.emulators.firestoretrigger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.Timestamp;
import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.functions.invoker.runner.Invoker;
import com.utalk.storage.FirestoreCalls;
import com.utalk.testing.Emulators;
import com.utalk.testing.TestEnvironment;
import com.utalk.triggers.FirestoreEventTypes;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Writes on the Firestore emulator reach a function in the Functions Framework invoker as the
 * CloudEvents Eventarc sends: type, subject and extensions, the DocumentEventData protobuf with old
 * and new values, and a retry under the same id when the function fails.
 */
class FirestoreTriggerBridgeTest {
  private static TestEnvironment env;
  private static Invoker invoker;
  private static FirestoreTriggerBridge bridge;

  @BeforeAll
  static void start() throws Exception {
    env = TestEnvironment.create();
    int port = Emulators.freePort();
    invoker =
        new Invoker(
            port,
            RecordingFunction.class.getName(),
            "cloudevent",
            FirestoreTriggerBridgeTest.class.getClassLoader());
    invoker.startTestServer();
    URI target = URI.create("http://127.0.0.1:" + port + "/");
    FirestoreCalls.await(
        env.firestore().collection("things").document("before-start").set(Map.of("n", 0L)));
    bridge =
        FirestoreTriggerBridge.start(
            env.firestore(),
            env.project().projectId(),
            List.of(
                TriggerRoute.of(
                    "things-written", FirestoreEventTypes.WRITTEN, "things/{thingId}", target),
                TriggerRoute.of(
                    "notes-created",
                    FirestoreEventTypes.CREATED,
                    "things/{thingId}/notes/{noteId}",
                    target)),
            2,
            5);
  }

  @AfterAll
  static void stop() throws Exception {
    bridge.close();
    invoker.stopServer();
    env.close();
  }

  @BeforeEach
  void clear() {
    RecordingFunction.RECEIVED.clear();
  }

  @Test
  void createUpdateDeleteArriveAsWrittenEventsWithOldAndNewValues() throws Exception {
    Firestore firestore = env.firestore();
    DocumentReference ref = firestore.collection("things").document("t1");
    Timestamp at = Timestamp.parseTimestamp("2026-03-02T10:15:30.123Z");
    FirestoreCalls.await(
        ref.set(
            Map.of(
                "status",
                "open",
                "count",
                1L,
                "at",
                at,
                "tags",
                List.of("a", "b"),
                "nested",
                Map.of("x", true))));
    awaitReceived(1);
    FirestoreCalls.await(ref.update("status", "closed"));
    awaitReceived(2);
    FirestoreCalls.await(ref.delete());
    awaitReceived(3);

    List<RecordingFunction.Received> received = RecordingFunction.RECEIVED;
    assertEquals(
        3,
        received.size(),
        "the document that existed before the bridge started produced no event");
    var created = received.get(0);
    assertEquals(FirestoreEventTypes.WRITTEN, created.event().getType());
    assertEquals("documents/things/t1", created.event().getSubject());
    assertEquals("things/t1", created.event().getExtension("document"));
    assertEquals(FirestoreEventTypes.CONTENT_TYPE, created.event().getDataContentType());
    assertEquals(
        URI.create(
            "//firestore.googleapis.com/projects/"
                + env.project().projectId()
                + "/databases/(default)"),
        created.event().getSource());
    assertNull(created.change().before());
    assertEquals("open", created.change().after().get("status"));
    assertEquals(1L, created.change().after().get("count"));
    assertEquals(at, created.change().after().get("at"));
    assertEquals(List.of("a", "b"), created.change().after().get("tags"));
    assertEquals(Map.of("x", true), created.change().after().get("nested"));

    var updated = received.get(1).change();
    assertEquals("open", updated.before().get("status"));
    assertEquals("closed", updated.after().get("status"));

    var deleted = received.get(2).change();
    assertEquals("closed", deleted.before().get("status"));
    assertNull(deleted.after());
    assertEquals("things/t1", deleted.documentPath());
  }

  @Test
  void subcollectionPatternsAndEventTypesFilter() throws Exception {
    DocumentReference note =
        env.firestore().collection("things").document("t2").collection("notes").document("n1");
    FirestoreCalls.await(note.set(Map.of("text", "hi")));
    FirestoreCalls.await(note.update("text", "edited")); // notes-created does not want updates
    awaitReceived(1);
    assertTrue(bridge.awaitIdle(Duration.ofSeconds(10)));
    assertEquals(1, RecordingFunction.RECEIVED.size());
    assertEquals(FirestoreEventTypes.CREATED, RecordingFunction.RECEIVED.get(0).event().getType());
    assertEquals("things/t2/notes/n1", RecordingFunction.RECEIVED.get(0).change().documentPath());
  }

  @Test
  void aFailedDeliveryIsRetriedWithTheSameEventId() throws Exception {
    RecordingFunction.FAIL_FIRST_FOR_DOCUMENTS.add("things/t3");
    long retriedBefore = bridge.retried("things-written");
    FirestoreCalls.await(env.firestore().collection("things").document("t3").set(Map.of("n", 3L)));
    awaitReceived(2);
    List<RecordingFunction.Received> received = RecordingFunction.RECEIVED;
    assertEquals(received.get(0).event().getId(), received.get(1).event().getId());
    assertEquals(retriedBefore + 1, bridge.retried("things-written"));
  }

  private static void awaitReceived(int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (RecordingFunction.RECEIVED.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertTrue(
        RecordingFunction.RECEIVED.size() >= count,
        "received " + RecordingFunction.RECEIVED.size() + " of " + count);
  }
}
