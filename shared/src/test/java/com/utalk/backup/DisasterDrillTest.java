package com.utalk.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.firestore.Firestore;
import com.utalk.testing.TestEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The drill end to end: after destroy and restore, exactly the writes made after the snapshot are
 * lost.
 */
class DisasterDrillTest {
  @TempDir Path dir;

  @Test
  void aDestroyedDatabaseComesBackFromTheBackupLosingOnlyWhatCameAfterIt() throws Exception {
    try (TestEnvironment env = TestEnvironment.create();
        Firestore db = Datasets.jobClient(env)) {
      BackupSettings settings =
          new BackupSettings("local", "unused", dir, Duration.ofDays(30), 500, "test");
      DisasterDrill.Result result =
          new DisasterDrill(db, new LocalBackupBucket(dir), settings).run(100, 4, 25);
      System.out.println("drill: " + result);

      assertTrue(result.restore().ok(), result.restore().reason());
      assertEquals(10 + 100 * (1 + 4 * 2), result.documentsLoaded());
      assertEquals(result.documentsLoaded(), result.documentsBackedUp());
      assertEquals(0, result.missingFromSnapshot());
      assertEquals(25, result.lostAfterRestore(), "the writes after the snapshot, and only those");
      assertEquals(10, result.restore().usersNeedingNewPassword());
      assertEquals(400, db.collection("messages").count().get().get().getCount());
      assertTrue(
          result
              .stepMillis()
              .keySet()
              .containsAll(java.util.List.of("load", "backup", "destroy", "restore")));
    }
  }
}
