package com.utalk.emulators.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.firestore.Firestore;
import com.utalk.auth.AuthModule;
import com.utalk.auth.users.DemoUsers;
import com.utalk.auth.users.StoredUser;
import com.utalk.config.Settings;
import com.utalk.emulators.seed.DemoSeed;
import com.utalk.emulators.testing.RecordingServer;
import com.utalk.gcp.FirestoreProvider;
import com.utalk.json.Json;
import com.utalk.testing.Emulators;
import com.utalk.workspace.WorkspaceDirectory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code emulators/dev} commands that work on the stack's Firestore (seed, set-password,
 * rotate-jwt-secret, backup, restore, restore-media, migrate, drill), on the test's Firestore
 * emulator: what each prints and its exit status, for good and for wrong input.
 */
class FirestoreCommandsTest {
  private static final DemoUsers.Credential ADMIN = DemoUsers.credentials().get(0);

  private static TestStackFolder stack;
  private static RecordingServer gateway;
  private static Firestore firestore;

  @BeforeAll
  static void start() throws Exception {
    String emulator = Emulators.firestoreHost();
    gateway = new RecordingServer(); // the restore's health check: GET /health answers 200
    stack =
        new TestStackFolder()
            .with("UTALK_FIRESTORE_PORT", emulator.substring(emulator.lastIndexOf(':') + 1))
            .with("UTALK_GATEWAY_PORT", Integer.toString(gateway.port()));
    firestore = FirestoreProvider.create(stack.config().gcpProject());
    DevCliRun seed = stack.dev("seed");
    assertEquals(0, seed.exitCode(), seed.toString());
    assertEquals(
        "seeded workspace 'demo' owning +14155238886 in Firestore at "
            + stack.config().firestoreHost()
            + "\n",
        seed.out());
  }

  @AfterAll
  static void stop() throws Exception {
    stack.dev("seed"); // the demo users get their documented passwords back
    firestore.close();
    gateway.close();
    stack.close();
  }

  @Test
  void seedWritesTheDemoWorkspace() throws Exception {
    assertEquals(
        "Demo Workspace",
        new WorkspaceDirectory(firestore, Clock.systemUTC())
            .find(DemoSeed.WORKSPACE_ID)
            .orElseThrow()
            .name());
  }

  @Test
  void setPasswordGivesAUserTheNewPassword() throws Exception {
    DevCliRun run =
        stack.dev(
            "set-password",
            "--email",
            ADMIN.email().toUpperCase(),
            "--password",
            "a-new-pass-2026");

    assertEquals(0, run.exitCode(), run.toString());
    assertEquals("password set for " + ADMIN.email().toUpperCase() + "\n", run.out());
    assertTrue(passwordWorks(ADMIN.email(), "a-new-pass-2026"), "the email is matched as at login");
  }

  @Test
  void setPasswordWithoutOneGeneratesAndPrintsItOnce() throws Exception {
    DevCliRun run = stack.dev("set-password", "--email", ADMIN.email());

    assertEquals(0, run.exitCode(), run.toString());
    String prefix = "new password for " + ADMIN.email() + ": ";
    assertTrue(run.out().startsWith(prefix), run.out());
    String generated = run.out().substring(prefix.length()).trim();
    assertTrue(generated.length() >= 12, generated);
    assertTrue(passwordWorks(ADMIN.email(), generated));
  }

  @Test
  void setPasswordRefusesAnUnknownUserAWeakPasswordAndAMissingEmail() {
    DevCliRun unknown =
        stack.dev(
            "set-password", "--email", "nobody@demo.utalk.local", "--password", "long-enough-1234");
    DevCliRun weak = stack.dev("set-password", "--email", ADMIN.email(), "--password", "short");
    DevCliRun noEmail = stack.dev("set-password", "--password", "long-enough-1234");
    DevCliRun noAddress = stack.dev("set-password", "--email");

    assertEquals(1, unknown.exitCode(), unknown.toString());
    assertEquals("no user with email nobody@demo.utalk.local\n", unknown.err());
    assertEquals(1, weak.exitCode(), weak.toString());
    assertTrue(weak.err().startsWith("could not set the password: "), weak.err());
    assertTrue(weak.err().contains("12"), "says how long it must be: " + weak.err());
    assertEquals(2, noEmail.exitCode(), noEmail.toString());
    assertTrue(
        noEmail.err().startsWith("usage: emulators/dev set-password --email <email>"),
        noEmail.err());
    assertEquals(2, noAddress.exitCode(), "--email without an address: " + noAddress);
  }

  @Test
  void rotateJwtSecretAddsASigningKeyVersion() {
    DevCliRun run = stack.dev("rotate-jwt-secret");

    assertEquals(0, run.exitCode(), run.toString());
    assertTrue(run.out().startsWith("rotated: "), run.out());
  }

  @Test
  void aBackupRestoresVerifiedAndACorruptOrUnknownOneIsRefused() throws Exception {
    DevCliRun backup = stack.dev("backup");
    assertEquals(0, backup.exitCode(), backup.toString());
    JsonNode taken = Json.read(backup.out().getBytes(StandardCharsets.UTF_8));
    assertEquals("ok", taken.path("status").asText(), backup.out());
    assertEquals("ok", taken.path("media").path("status").asText(), backup.out());
    String id = taken.path("backupId").asText();

    // the API instances take a moment to see maintenance end: the check waits for them
    gateway.thenReply(RecordingServer.Reply.of(503));
    DevCliRun restore = stack.dev("restore", id);
    assertEquals(0, restore.exitCode(), restore.toString());
    JsonNode restored = Json.read(restore.out().getBytes(StandardCharsets.UTF_8));
    assertEquals("ok", restored.path("status").asText(), restore.out());
    assertEquals("/health", gateway.take(java.time.Duration.ofSeconds(5)).path());
    assertEquals(
        "/health",
        gateway.take(java.time.Duration.ofSeconds(5)).path(),
        "the health check is retried until it answers 200");

    DevCliRun media = stack.dev("restore-media", taken.path("media").path("backupId").asText());
    assertEquals(0, media.exitCode(), media.toString());
    assertEquals(
        "ok", Json.read(media.out().getBytes(StandardCharsets.UTF_8)).path("status").asText());
    assertTrue(
        new WorkspaceDirectory(firestore, Clock.systemUTC())
            .find(DemoSeed.WORKSPACE_ID)
            .isPresent(),
        "the data is back");

    // a disaster-recovery restore into another, empty database, leaving the stack's own alone
    DevCliRun elsewhere = stack.dev("restore", id, "--database", "rehearsal");
    assertEquals(0, elsewhere.exitCode(), elsewhere.toString());
    try (Firestore rehearsal =
        FirestoreProvider.create(stack.config().gcpProject().withFirestoreDatabase("rehearsal"))) {
      assertTrue(
          new WorkspaceDirectory(rehearsal, Clock.systemUTC())
              .find(DemoSeed.WORKSPACE_ID)
              .isPresent(),
          "the other database holds the backup's data");
    }

    Path backupDir = stack.config().backupDir().resolve("firestore").resolve(id);
    Path dataFile;
    try (Stream<Path> files = Files.list(backupDir)) {
      dataFile =
          files.filter(f -> !f.getFileName().toString().startsWith("manifest")).findFirst().get();
    }
    Files.write(dataFile, new byte[] {1, 2, 3});
    DevCliRun corrupt = stack.dev("restore", id);
    assertEquals(1, corrupt.exitCode(), corrupt.toString());
    assertEquals(
        "integrity_failed",
        Json.read(corrupt.out().getBytes(StandardCharsets.UTF_8)).path("status").asText());

    DevCliRun unknown = stack.dev("restore", "20000101T000000Z-nope");
    assertEquals(1, unknown.exitCode(), unknown.toString());
    assertEquals(
        "integrity_failed",
        Json.read(unknown.out().getBytes(StandardCharsets.UTF_8)).path("status").asText());
  }

  @Test
  void restoreNeedsExactlyOneBackupIdAndADatabaseName() {
    for (List<String> args :
        List.of(
            List.of("restore"),
            List.of("restore", "a", "b"),
            List.of("restore", "a", "--database"),
            List.of("restore", "a", "--database", "--other"))) {
      DevCliRun run = stack.dev(args.toArray(String[]::new));

      assertEquals(2, run.exitCode(), args + ": " + run);
      assertTrue(
          run.err().startsWith("usage: emulators/dev restore <backup-id> [--database <name>]"),
          args + ": " + run.err());
    }
  }

  @Test
  void restoreMediaNeedsOneKnownBackup() {
    DevCliRun none = stack.dev("restore-media");
    DevCliRun unknown = stack.dev("restore-media", "nope");

    assertEquals(2, none.exitCode(), none.toString());
    assertTrue(none.err().startsWith("usage: emulators/dev restore-media <media-backup-id>"));
    assertEquals(1, unknown.exitCode(), unknown.toString());
    assertTrue(unknown.out().contains("no media backup nope"), unknown.out());
  }

  @Test
  void migrateDryRunReportsWithoutWriting() {
    DevCliRun run = stack.dev("migrate", "--dry-run");

    assertEquals(0, run.exitCode(), run.toString());
    String status = Json.read(run.out().getBytes(StandardCharsets.UTF_8)).path("status").asText();
    assertTrue(List.of("dry_run", "up_to_date").contains(status), run.out());
  }

  @Test
  void migrateBacksUpAppliesWhatIsPendingAndIsThenUpToDate() {
    DevCliRun first = stack.dev("migrate");
    DevCliRun second = stack.dev("migrate");

    assertEquals(0, first.exitCode(), first.toString());
    assertTrue(
        List.of("applied", "up_to_date")
            .contains(
                Json.read(first.out().getBytes(StandardCharsets.UTF_8)).path("status").asText()),
        first.out());
    assertEquals(0, second.exitCode(), second.toString());
    assertEquals(
        "up_to_date",
        Json.read(second.out().getBytes(StandardCharsets.UTF_8)).path("status").asText(),
        second.out());
  }

  @Test
  void theDrillRunsInAScratchProjectAndPrintsItsTimes() {
    DevCliRun run = stack.dev("drill", "--conversations", "3", "--messages", "2", "--late", "2");

    assertEquals(0, run.exitCode(), run.toString());
    assertTrue(
        run.out().lines().anyMatch(l -> l.matches("drill: \\d+ documents; backup \\d+ ms.*")),
        run.out());
    assertTrue(run.out().contains("lost 2 of 2 writes made after the snapshot"), run.out());
    assertTrue(run.out().trim().endsWith("restore status ok"), run.out());
  }

  @Test
  void theDrillRefusesAFigureThatIsNotAWholeNumber() {
    DevCliRun words = stack.dev("drill", "--conversations", "many");
    DevCliRun missing = stack.dev("drill", "--late");

    assertEquals(2, words.exitCode(), words.toString());
    assertTrue(
        words
            .err()
            .startsWith("drill: --conversations needs a whole number (0 or more), not 'many'"),
        words.err());
    assertEquals(2, missing.exitCode(), missing.toString());
    assertTrue(missing.err().startsWith("drill: --late needs a whole number"), missing.err());
  }

  private static boolean passwordWorks(String email, String password) throws Exception {
    AuthModule auth =
        new AuthModule(
            Settings.of(
                Map.of("JWT_SECRET", StackConfig.LOCAL_JWT_SECRET, "APP_ENV", "development")),
            firestore,
            Clock.systemUTC());
    StoredUser user = auth.users().findByEmail(email).orElseThrow();
    return auth.hasher().verify(password.toCharArray(), user.passwordHash());
  }
}
