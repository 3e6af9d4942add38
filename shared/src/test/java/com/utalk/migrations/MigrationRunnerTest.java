package com.utalk.migrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.QueryDocumentSnapshot;
import com.utalk.backup.BackupOutcome;
import com.utalk.backup.BackupSettings;
import com.utalk.backup.FirestoreBackup;
import com.utalk.backup.FirestoreRestore;
import com.utalk.backup.LocalBackupBucket;
import com.utalk.backup.RestoreReport;
import com.utalk.gcp.FirestoreProvider;
import com.utalk.maintenance.MaintenanceMode;
import com.utalk.testing.TestEnvironment;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner on the emulator: apply, re-apply, crash and resume, rollback, concurrency, dry run,
 * changed code.
 */
class MigrationRunnerTest {
  private static final int USERS = 30;
  private TestEnvironment env;
  private Firestore db;
  @TempDir Path backups;

  @BeforeEach
  void start() throws Exception {
    env = TestEnvironment.create();
    db = FirestoreProvider.create(env.project(), Duration.ofSeconds(60), Duration.ofSeconds(120));
    var batch = db.batch();
    for (int i = 0; i < USERS; i++) {
      Map<String, Object> user =
          new HashMap<>(
              Map.of(
                  "email",
                  "u" + i + "@example.com",
                  "name",
                  "User " + i,
                  "passwordHash",
                  "hash" + i));
      if (i == 7) {
        user.put(
            "preferences",
            Map.of(
                "language",
                "en",
                "timezone",
                "Europe/Madrid",
                "notifications",
                Map.of("email", false, "push", true)));
      }
      batch.set(db.document(String.format("users/u%02d", i)), user);
    }
    batch.commit().get();
  }

  @AfterEach
  void stop() throws Exception {
    db.close();
    env.close();
  }

  private MigrationRunner runner(List<Migration> migrations) {
    BackupSettings settings =
        new BackupSettings("local", "unused", backups, Duration.ofDays(30), 500, "test");
    return new MigrationRunner(
        db,
        Clock.systemUTC(),
        migrations,
        () -> {
          BackupOutcome outcome =
              new FirestoreBackup(db, new LocalBackupBucket(backups), Clock.systemUTC(), settings)
                  .run("migration");
          if (!outcome.ok()) {
            throw new IllegalStateException("backup before migration failed: " + outcome.reason());
          }
          return outcome.backupId();
        },
        id -> {
          RestoreReport report =
              new FirestoreRestore(
                      db,
                      new LocalBackupBucket(backups),
                      new MaintenanceMode(db, Clock.systemUTC(), Duration.ZERO),
                      Clock.systemUTC(),
                      List.of())
                  .restore(id);
          return report.ok() ? null : report.reason();
        });
  }

  private Map<String, Map<String, Object>> users() throws Exception {
    Map<String, Map<String, Object>> all = new TreeMap<>();
    for (QueryDocumentSnapshot doc : db.collection("users").get().get().getDocuments()) {
      all.put(doc.getId(), doc.getData());
    }
    return all;
  }

  @Test
  void theFirstMigrationGivesEveryUserDefaultPreferencesAndIsRecorded() throws Exception {
    MigrationReport report = runner(Migrations.ALL).run(false);

    assertEquals("applied", report.status(), report.reason());
    for (var user : users().entrySet()) {
      Object preferences = user.getValue().get("preferences");
      assertEquals(
          user.getKey().equals("u07") ? "en" : "es",
          ((Map<?, ?>) preferences).get("language"),
          user.getKey());
    }
    assertEquals(
        Map.of("email", true, "push", true),
        ((Map<?, ?>) users().get("u01").get("preferences")).get("notifications"));
    DocumentSnapshot history = db.document("migrations/1.2.0").get().get();
    assertEquals("applied", history.getString("status"));
    assertEquals("Add default user preferences", history.getString("description"));
    assertEquals(USERS - 1L, history.getLong("documentsTouched"));
    assertEquals(64, history.getString("checksum").length());
    assertNotNull(history.getTimestamp("finishedAt"));
    assertEquals(
        "ok",
        db.document("backups/" + report.backupId()).get().get().getString("status"),
        "backup before migration");
  }

  @Test
  void runningAgainIsANoOp() throws Exception {
    runner(Migrations.ALL).run(false);
    var before = db.document("migrations/1.2.0").get().get().getData();
    MigrationReport again = runner(Migrations.ALL).run(false);
    assertEquals("up_to_date", again.status());
    assertEquals(before, db.document("migrations/1.2.0").get().get().getData());
    assertEquals(
        1, db.collection("backups").get().get().size(), "no second backup when nothing is pending");
  }

  /**
   * Marks users one at a time; crashes (an Error, like a killed process) after {@code crashAfter}
   * writes.
   */
  static final class V1_3_0__MarkUsers implements Migration {
    static volatile int crashAfter = Integer.MAX_VALUE;

    @Override
    public String description() {
      return "Mark users";
    }

    @Override
    public void up(MigrationContext context) throws Exception {
      context.scan(
          "users",
          page -> {
            for (QueryDocumentSnapshot user : page) {
              if (!user.contains("marked")) {
                if (context.writes().count() >= crashAfter) {
                  throw new OutOfMemoryError("simulated crash");
                }
                context.writes().update(user.getReference().getPath(), Map.of("marked", true));
                context.writes().flush();
              }
            }
          });
    }

    @Override
    public List<String> validate(MigrationContext context) throws Exception {
      List<String> unmarked = new ArrayList<>();
      context.scan(
          "users",
          page ->
              page.stream()
                  .filter(u -> !u.contains("marked"))
                  .forEach(u -> unmarked.add(u.getId())));
      return unmarked;
    }
  }

  @Test
  void aRunThatCrashedHalfWayIsResumedByTheNextRun() throws Exception {
    V1_3_0__MarkUsers.crashAfter = 12;
    try {
      assertThrows(
          OutOfMemoryError.class, () -> runner(List.of(new V1_3_0__MarkUsers())).run(false));
    } finally {
      V1_3_0__MarkUsers.crashAfter = Integer.MAX_VALUE;
    }
    assertEquals("running", db.document("migrations/1.3.0").get().get().getString("status"));
    assertEquals(12, users().values().stream().filter(u -> u.containsKey("marked")).count());

    MigrationReport resumed = runner(List.of(new V1_3_0__MarkUsers())).run(false);

    assertEquals("applied", resumed.status(), resumed.reason());
    assertEquals(USERS - 12L, resumed.migrations().get(0).documentsTouched(), "only what was left");
    assertTrue(users().values().stream().allMatch(u -> Boolean.TRUE.equals(u.get("marked"))));
    assertEquals("applied", db.document("migrations/1.3.0").get().get().getString("status"));
  }

  /** Renames everybody, then finds its own result invalid; {@code down} undoes it. */
  static final class V1_4_0__RenameWithDown implements Migration {
    @Override
    public String description() {
      return "Rename users (invalid)";
    }

    @Override
    public void up(MigrationContext context) throws Exception {
      context.scan(
          "users",
          page ->
              page.forEach(
                  u ->
                      context
                          .writes()
                          .update(
                              u.getReference().getPath(),
                              Map.of("name", "renamed", "previousName", u.getString("name")))));
    }

    @Override
    public boolean down(MigrationContext context) throws Exception {
      context.scan(
          "users",
          page ->
              page.stream()
                  .filter(u -> u.contains("previousName"))
                  .forEach(
                      u ->
                          context
                              .writes()
                              .update(
                                  u.getReference().getPath(),
                                  Map.of(
                                      "name",
                                      u.getString("previousName"),
                                      "previousName",
                                      com.google.cloud.firestore.FieldValue.delete()))));
      return true;
    }

    @Override
    public List<String> validate(MigrationContext context) {
      return List.of("names must stay unique");
    }
  }

  /** The same change without a {@code down}: the runner restores the pre-migration backup. */
  static final class V1_5_0__RenameWithoutDown implements Migration {
    @Override
    public String description() {
      return "Rename users (invalid, no down)";
    }

    @Override
    public void up(MigrationContext context) throws Exception {
      context.scan(
          "users",
          page ->
              page.forEach(
                  u ->
                      context
                          .writes()
                          .update(u.getReference().getPath(), Map.of("name", "renamed"))));
    }

    @Override
    public List<String> validate(MigrationContext context) {
      return List.of("names must stay unique");
    }
  }

  @Test
  void aFailedValidationIsRolledBackByDownAndStopsLaterRuns() throws Exception {
    var before = users();
    MigrationReport report =
        runner(List.of(new V1_4_0__RenameWithDown(), new V1_5_0__RenameWithoutDown())).run(false);
    assertEquals("rolled_back", report.status());
    assertEquals(1, report.migrations().size(), "the later migration did not run");
    assertEquals(before, users());
    assertEquals("rolled_back", db.document("migrations/1.4.0").get().get().getString("status"));
    assertFalse(db.document("migrations/1.5.0").get().get().exists());

    MigrationReport next =
        runner(List.of(new V1_4_0__RenameWithDown(), new V1_5_0__RenameWithoutDown())).run(false);
    assertEquals("blocked", next.status());
    assertTrue(next.reason().contains("1.4.0"), next.reason());
  }

  @Test
  void withoutDownTheRollbackRestoresThePreMigrationBackup() throws Exception {
    var before = users();
    MigrationReport report = runner(List.of(new V1_5_0__RenameWithoutDown())).run(false);
    assertEquals("rolled_back", report.status(), report.reason());
    assertEquals(before, users(), "names back, and the password hashes the database held are kept");
  }

  @Test
  void twoRunnersAtOnceApplyItOnce() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<MigrationReport>> runs = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      runs.add(
          pool.submit(
              () -> {
                go.await();
                return runner(Migrations.ALL).run(false);
              }));
    }
    go.countDown();
    List<String> statuses = new ArrayList<>();
    long touched = 0;
    for (Future<MigrationReport> run : runs) {
      MigrationReport report = run.get();
      statuses.add(report.status());
      touched +=
          report.migrations().stream().mapToLong(MigrationReport.Entry::documentsTouched).sum();
    }
    pool.shutdown();
    assertEquals(1, statuses.stream().filter("applied"::equals).count(), statuses.toString());
    assertTrue(statuses.contains("locked") || statuses.contains("up_to_date"), statuses.toString());
    assertEquals(USERS - 1L, touched);
    assertEquals(1, db.collection("migrations").get().get().size());
  }

  @Test
  void aDryRunReportsTheChangesAndWritesNothing() throws Exception {
    Map<String, Object> before = everything();
    MigrationReport report = runner(Migrations.ALL).run(true);
    assertEquals("dry_run", report.status());
    assertEquals(USERS - 1L, report.migrations().get(0).documentsTouched());
    assertTrue(
        report.migrations().get(0).examples().get(0).startsWith("update users/u00 [preferences]"));
    assertEquals(before, everything());
  }

  private Map<String, Object> everything() throws Exception {
    Map<String, Object> all = new TreeMap<>();
    for (var collection : db.listCollections()) {
      for (QueryDocumentSnapshot doc : collection.get().get().getDocuments()) {
        all.put(doc.getReference().getPath(), doc.getData());
      }
    }
    return all;
  }

  @Test
  void anAppliedMigrationWhoseCodeChangedIsAnError() throws Exception {
    runner(Migrations.ALL).run(false);
    db.document("migrations/1.2.0").update("checksum", "0".repeat(64)).get();
    MigrationReport report = runner(Migrations.ALL).run(false);
    assertEquals("blocked", report.status());
    assertTrue(report.reason().contains("code changed"), report.reason());
  }
}
