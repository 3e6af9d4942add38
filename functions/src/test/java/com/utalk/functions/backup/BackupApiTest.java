package com.utalk.functions.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.utalk.auth.Role;
import com.utalk.auth.users.User;
import com.utalk.backup.BackupOutcome;
import com.utalk.backup.BackupSettings;
import com.utalk.backup.FirestoreBackup;
import com.utalk.backup.LocalBackupBucket;
import com.utalk.config.Settings;
import com.utalk.functions.api.ApiHarness;
import com.utalk.functions.api.ApiHarness.Response;
import com.utalk.maintenance.MaintenanceMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The admin restore route end to end, and the API's answer while maintenance is on. */
class BackupApiTest {
  private static final String WS = "ws-backup";
  private static Path backups;
  private static ApiHarness api;
  private static User admin;
  private static String adminToken;

  @BeforeAll
  static void start() throws Exception {
    backups = Files.createTempDirectory("utalk-backups");
    api = ApiHarness.start(Map.of("BACKUP_STORE", "local", "BACKUP_LOCAL_DIR", backups.toString()));
    admin = api.user(WS, Role.ADMIN, "admin@backup.example.com");
    adminToken = api.login(admin.email(), ApiHarness.passwordFor(Role.ADMIN));
  }

  @AfterAll
  static void stop() throws Exception {
    api.close();
  }

  private static MaintenanceMode maintenance() {
    return new MaintenanceMode(api.firestore(), Clock.systemUTC(), Duration.ZERO);
  }

  @Test
  void anAdminRestoresABackupThroughTheApi() throws Exception {
    api.firestore()
        .document("conversations/conv-1")
        .set(Map.of("workspaceId", WS, "status", "open"))
        .get();
    api.firestore()
        .document("messages/msg-1")
        .set(Map.of("conversationId", "conv-1", "body", "hola"))
        .get();
    BackupOutcome backup =
        new FirestoreBackup(
                api.firestore(),
                new LocalBackupBucket(backups),
                Clock.systemUTC(),
                BackupSettings.from(Settings.of(Map.of("BACKUP_LOCAL_DIR", backups.toString()))))
            .run("test");
    assertTrue(backup.ok(), backup.reason());
    api.firestore().document("messages/msg-1").delete().get();

    Response restored =
        api.post("/api/admin/backups/" + backup.backupId() + "/restore", adminToken, null);

    assertEquals(200, restored.status(), restored.toString());
    JsonNode report = restored.json();
    assertEquals("ok", report.path("status").asText());
    assertEquals(1, report.path("documents").path("messages").asLong());
    assertTrue(report.path("passwordReset").asText().contains("new password"));
    assertEquals("hola", api.firestore().document("messages/msg-1").get().get().getString("body"));
    assertFalse(maintenance().current().active());
    // Restored over the live database: the password hashes it still held are kept, nobody is locked
    // out.
    assertEquals(0, report.path("usersNeedingNewPassword").asLong());
    Response login =
        api.post(
            "/api/auth/login",
            null,
            Map.of("email", admin.email(), "password", ApiHarness.passwordFor(Role.ADMIN)));
    assertEquals(200, login.status());
    var audit =
        api.firestore()
            .collection("auditLogs")
            .whereEqualTo("action", "backup.restore")
            .get()
            .get()
            .getDocuments();
    assertEquals(1, audit.size());
  }

  @Test
  void anUnknownOrDamagedBackupIsRefused() throws Exception {
    assertEquals(
        404,
        api.post("/api/admin/backups/20990101T000000Z-nothere/restore", adminToken, null).status());
    Path fake = backups.resolve("firestore/20990101T000000Z-broken");
    Files.createDirectories(fake);
    Files.writeString(
        fake.resolve("manifest.json"),
        "{\"backupId\":\"20990101T000000Z-broken\",\"files\":[{\"collection\":\"users\","
            + "\"file\":\"users.jsonl.gz\",\"documents\":1,\"bytes\":10,\"sha256\":\"00\",\"contentSha256\":\"00\"}],\"excludedFields\":[]}");
    Response refused =
        api.post("/api/admin/backups/20990101T000000Z-broken/restore", adminToken, null);
    assertEquals(409, refused.status());
    assertEquals("backup_not_intact", refused.json().path("error").asText());
    assertFalse(maintenance().current().active());
  }

  @Test
  void duringMaintenanceTheApiAnswers503WithRetryAfter() throws Exception {
    maintenance().enter("test", Duration.ofSeconds(30));
    try {
      // Instances see the flag within MaintenanceMode.DEFAULT_CACHE.
      Thread.sleep(MaintenanceMode.DEFAULT_CACHE.toMillis() + 200);
      Response refused = api.get("/api/users", adminToken);
      assertEquals(503, refused.status());
      assertEquals("30", refused.header("Retry-After"));
      assertEquals("maintenance", refused.json().path("error").asText());
      assertFalse(refused.json().path("requestId").asText().isEmpty());
    } finally {
      maintenance().leave();
    }
    // Instances re-read the flag within MaintenanceMode.DEFAULT_CACHE.
    Thread.sleep(MaintenanceMode.DEFAULT_CACHE.toMillis() + 200);
    assertEquals(200, api.get("/api/users", adminToken).status());
  }
}
