package com.utalk.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.QueryDocumentSnapshot;
import com.utalk.maintenance.MaintenanceMode;
import com.utalk.testing.TestEnvironment;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup of 10,000+ documents restored into an empty database gives the originals back, minus the
 * excluded fields.
 */
class BackupRoundTripTest {
  private static TestEnvironment source;
  private static TestEnvironment target;
  @TempDir static Path dir;
  private static BackupOutcome outcome;
  private static RestoreReport report;
  private static int loaded;
  private static Firestore sourceDb;
  private static Firestore targetDb;

  @BeforeAll
  static void backUpAndRestore() throws Exception {
    source = TestEnvironment.create();
    target = TestEnvironment.create();
    sourceDb = Datasets.jobClient(source);
    targetDb = Datasets.jobClient(target);
    loaded = Datasets.load(sourceDb, 500, 19);
    BackupBucket bucket = new LocalBackupBucket(dir);
    // not the default 500: both the export and the restore's reads follow BACKUP_PAGE_SIZE
    BackupSettings settings =
        new BackupSettings("local", "unused", dir, Duration.ofDays(30), 2_000, "test-version");
    long started = System.nanoTime();
    outcome = new FirestoreBackup(sourceDb, bucket, Clock.systemUTC(), settings).run("test");
    long backedUp = System.nanoTime();
    report =
        new FirestoreRestore(
                targetDb,
                bucket,
                new MaintenanceMode(targetDb, Clock.systemUTC(), Duration.ZERO),
                Clock.systemUTC(),
                List.of(),
                settings.pageSize())
            .restore(outcome.backupId());
    System.out.printf(
        "backup %d ms, restore %d ms, %d documents%n",
        (backedUp - started) / 1_000_000, (System.nanoTime() - backedUp) / 1_000_000, loaded);
  }

  @AfterAll
  static void close() throws Exception {
    sourceDb.close();
    targetDb.close();
    source.close();
    target.close();
  }

  @Test
  void theBackupIsOkAndItsRecordSaysWhatItHolds() {
    assertTrue(outcome.ok(), outcome.reason());
    assertTrue(loaded >= 10_000);
    assertEquals(loaded, outcome.manifest().documents());
    Map<String, Object> record =
        new BackupCatalog(source.firestore()).find(outcome.backupId()).orElseThrow();
    assertEquals("ok", record.get("status"));
    assertEquals((long) loaded, record.get("documents"));
    assertEquals(1000L, ((Map<?, ?>) record.get("counts")).get("conversations/*/events"));
    assertNotNull(record.get("snapshotTime"));
  }

  @Test
  void restoreReportsEveryStepAndThePasswordReset() {
    assertTrue(report.ok(), report.reason());
    assertEquals(
        List.of(
            "verify",
            "maintenance-on",
            "wipe",
            "restore",
            "consistency",
            "maintenance-off",
            "health"),
        report.steps().stream().map(RestoreReport.Step::name).toList());
    assertEquals(20, report.usersNeedingNewPassword());
    assertTrue(report.passwordReset().contains("set-password"));
  }

  @Test
  void restoredDocumentsEqualTheOriginalsMinusExcludedFields() throws Exception {
    for (String collection : List.of("users", "userEmails", "conversations", "messages")) {
      Map<String, Map<String, Object>> original = all(source.firestore(), collection);
      Map<String, Map<String, Object>> restored = all(target.firestore(), collection);
      assertEquals(original.keySet(), restored.keySet(), collection);
      for (var entry : original.entrySet()) {
        Map<String, Object> expected =
            FieldExclusions.without(entry.getValue(), excluded(collection));
        assertEquals(
            normalise(expected, target.firestore()),
            normalise(restored.get(entry.getKey()), target.firestore()),
            entry.getKey());
      }
    }
    List<QueryDocumentSnapshot> events =
        target.firestore().collectionGroup("events").get().get().getDocuments();
    assertEquals(1000, events.size());
    assertFalse(target.firestore().document("elsewhere/x/events/1").get().get().exists());
  }

  @Test
  void excludedFieldsNeverReachTheBackupFiles() throws Exception {
    DocumentSnapshot user = target.firestore().document("users/u3").get().get();
    assertNull(user.get("passwordHash"));
    assertNull(user.get("refreshTokens"));
    assertEquals("agent3@example.com", user.getString("email"));
    DocumentSnapshot message = target.firestore().document("messages/c00007_3").get().get();
    assertNull(message.get("metadata.sensitive"));
    assertEquals("whatsapp", message.get("metadata.channel"));
    assertFalse(
        unzip(dir.resolve("firestore/" + outcome.backupId() + "/users.jsonl.gz"))
            .contains("argon2id"));
    assertFalse(
        unzip(dir.resolve("firestore/" + outcome.backupId() + "/messages.jsonl.gz"))
            .contains("4242"));
  }

  @Test
  void typesSurviveTheRoundTrip() throws Exception {
    DocumentSnapshot message = target.firestore().document("messages/c00002_5").get().get();
    assertEquals(
        com.google.cloud.Timestamp.ofTimeSecondsAndNanos(1_700_000_005L, 987_654_000),
        message.getTimestamp("createdAt"));
    assertEquals(5L, message.getLong("seq"));
    assertEquals(3.0, message.get("wholeDouble"));
    assertTrue(message.get("wholeDouble") instanceof Double);
    assertTrue(Double.isNaN(message.getDouble("nan")));
    assertEquals(
        com.google.cloud.firestore.Blob.fromBytes(new byte[] {0, 1, 2, (byte) 255, 5}),
        message.getBlob("raw"));
    assertEquals(
        new com.google.cloud.firestore.GeoPoint(19.4326, -99.1332), message.getGeoPoint("where"));
    assertEquals(target.firestore().document("conversations/c00002"), message.get("conversation"));
    assertTrue(message.contains("nothing") && message.get("nothing") == null);
    assertEquals(
        "a key that looks like a tag",
        message.get(com.google.cloud.firestore.FieldPath.of("metadata", "nested", "$odd")));
  }

  private static List<String> excluded(String collection) {
    return BackupScope.COLLECTIONS.stream()
        .filter(c -> c.name().equals(collection) && !c.subcollection())
        .findFirst()
        .orElseThrow()
        .excludedFields();
  }

  private static Map<String, Map<String, Object>> all(Firestore db, String collection)
      throws Exception {
    return db.collection(collection).get().get().getDocuments().stream()
        .collect(Collectors.toMap(QueryDocumentSnapshot::getId, d -> new HashMap<>(d.getData())));
  }

  /** Compared in the backup's own typed form: references by path, NaN equal to NaN. */
  private static String normalise(Map<String, Object> fields, Firestore db) {
    return FirestoreValueCodec.encodeFields(fields).toString();
  }

  private static String unzip(Path file) throws Exception {
    try (var in = new java.util.zip.GZIPInputStream(java.nio.file.Files.newInputStream(file))) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }
}
