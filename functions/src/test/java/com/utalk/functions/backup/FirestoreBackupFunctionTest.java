package com.utalk.functions.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.firestore.QueryDocumentSnapshot;
import com.google.pubsub.v1.PubsubMessage;
import com.utalk.config.Settings;
import com.utalk.functions.testing.PubSubEvents;
import com.utalk.functions.wiring.Backend;
import com.utalk.platform.Topics;
import com.utalk.testing.TestEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduler's message on {@code backups} produces a verified Firestore backup and a media
 * backup; a redelivery does nothing.
 */
class FirestoreBackupFunctionTest {
  @TempDir Path dir;

  @Test
  void theDailyMessageBacksUpFirestoreAndMediaOnce() throws Exception {
    try (TestEnvironment env = TestEnvironment.create()) {
      env.firestore()
          .document("conversations/c1")
          .set(Map.of("workspaceId", "ws", "status", "open"))
          .get();
      Settings settings =
          env.settings(
              Map.of(
                  "BACKUP_STORE",
                  "local",
                  "BACKUP_LOCAL_DIR",
                  dir.resolve("backups").toString(),
                  "MEDIA_STORE",
                  "local",
                  "MEDIA_LOCAL_DIR",
                  dir.resolve("media").toString(),
                  "MEDIA_URL_SIGNING_KEY",
                  "function-test-media-signing-key",
                  "PUBLIC_BASE_URL",
                  "http://127.0.0.1:1",
                  "LOG_LEVEL",
                  "warn"));
      FirestoreBackupFunction function =
          new FirestoreBackupFunction(new Backend(settings, Clock.systemUTC()));
      var event =
          PubSubEvents.messagePublished(
              "sched-1",
              env.project().projectId(),
              Topics.BACKUPS,
              PubsubMessage.newBuilder().build());

      function.accept(event);
      function.accept(event);

      List<QueryDocumentSnapshot> runs =
          env.firestore().collection("backups").get().get().getDocuments();
      assertEquals(
          List.of("firestore", "media"),
          runs.stream().map(r -> r.getString("kind")).sorted().toList());
      assertTrue(runs.stream().allMatch(r -> "ok".equals(r.getString("status"))));
      String id =
          runs.stream()
              .filter(r -> "firestore".equals(r.getString("kind")))
              .findFirst()
              .orElseThrow()
              .getId();
      assertTrue(Files.exists(dir.resolve("backups/firestore/" + id + "/conversations.jsonl.gz")));
    }
  }
}
