package com.utalk.ops.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.utalk.config.Settings;
import com.utalk.emulators.stack.LocalReleases;
import com.utalk.emulators.stack.StackConfig;
import com.utalk.ops.release.LocalDeployment;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The release checklists on the real local stack, as an operator types them: the version serving
 * recorded as release 1.1.0, pre (honest about what this build cannot check; the rollback plan is
 * 1.1.0's recorded artifacts), during 1.2.0 (backup verified, deploy = the release recorded and the
 * stack's services restarted on it, health, smoke tests, api.changes announced), a short post
 * watch; then a failing release rolled back automatically to 1.2.0, and a rollback by hand to
 * 1.1.0.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReleaseOnTheLocalStackTest {
  /**
   * Longer than the stack's StackSupervisor.MIN_UPTIME_BEFORE_RESTART (10 s): a process that exits
   * sooner is left down as a crash.
   */
  private static final long UP_BEFORE_DEPLOY_MS = 12_000;

  private static LocalStack stack;
  private static long readyAtNanos;

  @BeforeAll
  static void startTheStack() throws Exception {
    stack = new LocalStack();
    readyAtNanos = System.nanoTime();
  }

  @AfterAll
  static void stopTheStack() throws Exception {
    if (stack != null) {
      stack.close();
    }
  }

  /**
   * Waits until the processes the last restart started have been up long enough to be restarted
   * again.
   */
  private static void settle() throws InterruptedException {
    Thread.sleep(Math.max(0, UP_BEFORE_DEPLOY_MS - (System.nanoTime() - readyAtNanos) / 1_000_000));
  }

  private static String healthVersion() throws Exception {
    return com.utalk.json.Json.read(
            java.net.http.HttpClient.newHttpClient()
                .send(
                    java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(stack.url("UTALK_GATEWAY_PORT") + "/health"))
                        .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray())
                .body())
        .path("version")
        .asText();
  }

  private static StackConfig config() {
    return StackConfig.from(Settings.of(stack.env));
  }

  @Test
  @Order(1)
  void theVersionServingNowIsDeployedAsARelease() throws Exception {
    settle();
    assertEquals(
        4,
        stack.ops("release", "during").exitCode(),
        "a release is not made without --yes or a yes");
    LocalStack.Ops during = stack.ops("release", "during", "--version", "1.1.0", "--yes");
    readyAtNanos = System.nanoTime();
    System.out.println("$ runbooks/ops release during --version 1.1.0 --yes\n" + during.out());
    assertEquals(0, during.exitCode(), during.out() + during.err() + stack.launcherLog());
    assertTrue(during.out().contains("✔ deploy: release 1.1.0 in "), during.out());
    assertEquals("1.1.0", healthVersion(), "/health reports the release that serves");
    assertTrue(
        LocalReleases.of(config()).incomplete("1.1.0").isEmpty(),
        "1.1.0's artifacts are recorded and complete");
  }

  @Test
  @Order(2)
  void preSaysWhichChecksCannotRunHereAndNeverFakesThem() throws Exception {
    // the test reports of a green run (this build's own are still being written)
    java.nio.file.Path reports =
        java.nio.file.Files.createDirectories(
            stack.runDir.resolve("reports/shared/target/surefire-reports"));
    java.nio.file.Files.writeString(
        reports.resolve("TEST-x.xml"),
        "<testsuite name=\"x\" tests=\"40\" errors=\"0\" skipped=\"0\" failures=\"0\">");
    // the merged JaCoCo report of that run (written after its test reports)
    java.nio.file.Path jacoco =
        java.nio.file.Files.copy(
            java.nio.file.Path.of(
                getClass().getResource("/release-reports/jacoco-passing.xml").toURI()),
            stack.runDir.resolve("jacoco.xml"));
    java.nio.file.Files.setLastModifiedTime(
        jacoco, java.nio.file.attribute.FileTime.from(java.time.Instant.now().plusSeconds(5)));
    LocalStack.Ops pre =
        stack.ops(
            "release",
            "pre",
            "--version",
            "1.2.0",
            "--test-reports",
            stack.runDir.resolve("reports").toString(),
            "--coverage-report",
            jacoco.toString(),
            "--scan-report",
            stack.runDir.resolve("no-scan-here.json").toString());
    System.out.println("$ runbooks/ops release pre\n" + pre.out());
    assertEquals(0, pre.exitCode(), pre.out());
    assertTrue(pre.out().contains("✔ all tests green: 40 tests in 1 reports"), pre.out());
    assertTrue(
        pre.out()
            .contains(
                "✔ coverage above 80%: lines 90.0% (2700 of 3000), branches 83.0% (830 of 1000)"),
        pre.out());
    assertTrue(pre.out().contains("– security scan clean: skipped: no "), pre.out());
    assertTrue(pre.out().contains("✔ changelog and migration guide for 1.2.0: "), pre.out());
    assertTrue(pre.out().contains("✔ staging healthy: /health 200"), pre.out());
    assertTrue(
        pre.out()
            .contains("✔ rollback plan: previous version's artifacts: roll back to 1.1.0: its "),
        pre.out());
    assertTrue(!pre.out().contains("✔ security"), "no scan report, no ✔: " + pre.out());
  }

  @Test
  @Order(3)
  void duringTakesAVerifiedBackupRestartsTheStackSmokeTestsAndAnnounces() throws Exception {
    settle();
    long apiBefore = stack.pidOf("api");
    long realtimeBefore = stack.pidOf("realtime-service");
    LocalStack.Ops during = stack.ops("release", "during", "--version", "1.2.0", "--yes");
    readyAtNanos = System.nanoTime();
    System.out.println("$ runbooks/ops release during --yes\n" + during.out());
    assertEquals(0, during.exitCode(), during.out() + during.err() + stack.launcherLog());
    for (String check :
        new String[] {
          "✔ backup taken and verified: backup ",
          "✔ deploy: release 1.2.0 in ",
          "previous 1.1.0; api restarted",
          "✔ health checks: ",
          "(version 1.2.0)",
          "✔ smoke: signed webhook stored once: ",
          "stored 1 time(s)",
          "✔ smoke: login: ",
          "✔ smoke: socket connect and ack: ",
          "✔ changes of 1.2.0 announced (api.changes): "
        }) {
      assertTrue(during.out().contains(check), check + " in\n" + during.out());
    }
    assertNotEquals(apiBefore, stack.pidOf("api"), "the functions host was restarted");
    try (com.google.cloud.firestore.Firestore firestore = firestore()) {
      var entries =
          firestore
              .collection("auditLogs")
              .whereEqualTo("action", "release.deploy")
              .whereEqualTo("targetId", "1.2.0")
              .get()
              .get()
              .getDocuments();
      assertEquals(1, entries.size(), "the release is in the audit log");
    }
    assertNotEquals(
        realtimeBefore, stack.pidOf("realtime-service"), "the realtime service was restarted");
    assertEquals("1.2.0", healthVersion());
  }

  private static com.google.cloud.firestore.Firestore firestore() {
    return com.utalk.gcp.FirestoreProvider.create(
        new com.utalk.gcp.GcpProject(
            "utalk-local", "127.0.0.1:" + stack.env.get("UTALK_FIRESTORE_PORT"), null));
  }

  /** The demo agent's token (logged in while the API answers). */
  private static String token() throws Exception {
    return com.utalk.json.Json.read(
            java.net.http.HttpClient.newHttpClient()
                .send(
                    java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(
                                stack.url("UTALK_GATEWAY_PORT") + "/api/auth/login"))
                        .header("Content-Type", "application/json")
                        .POST(
                            java.net.http.HttpRequest.BodyPublishers.ofString(
                                "{\"email\":\"agent@demo.utalk.local\",\"password\":\"demo-agent-password\"}"))
                        .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray())
                .body())
        .path("accessToken")
        .asText();
  }

  /**
   * An agent's requests, one every 50 ms, while {@code body} runs; returns what {@code body}
   * returned.
   */
  private static <T> T underTraffic(String token, java.util.concurrent.Callable<T> body)
      throws Exception {
    java.util.concurrent.atomic.AtomicBoolean running =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    Thread traffic =
        new Thread(
            () -> {
              java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
              while (running.get()) {
                try {
                  http.send(
                      java.net.http.HttpRequest.newBuilder(
                              java.net.URI.create(stack.url("UTALK_GATEWAY_PORT") + "/api/auth/me"))
                          .header("Authorization", "Bearer " + token)
                          .build(),
                      java.net.http.HttpResponse.BodyHandlers.discarding());
                  Thread.sleep(50);
                } catch (java.io.IOException e) {
                  // a service restarting (the rollback): the agent tries again
                } catch (Exception e) {
                  return;
                }
              }
            });
    traffic.start();
    try {
      return body.call();
    } finally {
      running.set(false);
      traffic.join(5_000);
    }
  }

  private static int status(String path, String token) throws Exception {
    return java.net.http.HttpClient.newHttpClient()
        .send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(stack.url("UTALK_GATEWAY_PORT") + path))
                .header("Authorization", "Bearer " + token)
                .build(),
            java.net.http.HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  @Test
  @Order(4)
  void postWatchesTheStackAndDiagnoseFindsNoRollback() throws Exception {
    LocalStack.Ops post =
        underTraffic(
            token(),
            () ->
                stack.ops(
                    "release",
                    "post",
                    "--version",
                    "1.2.0",
                    "--window",
                    "6s",
                    "--step",
                    "1s",
                    "--rollback-after",
                    "2s"));
    System.out.println(
        "$ runbooks/ops release post --window 6s --step 1s --rollback-after 2s\n" + post.out());
    // the targets themselves are judged in FailingReleaseTest; here: the watch reads the stack's
    // real /metrics
    assertTrue(!post.out().contains("rolled back"), post.out());
    assertTrue(post.out().contains("  error rate: 0.00%"), post.out());
    java.util.regex.Matcher requests =
        java.util.regex.Pattern.compile("requests in the window: (\\d+)").matcher(post.out());
    assertTrue(requests.find() && Long.parseLong(requests.group(1)) > 20, post.out());
    assertEquals("OK", stack.ops("release", "diagnose").verdict());
  }

  /**
   * A failing release: the same build recorded as 1.2.1 with the release-level fault setting
   * RELEASE_FAULT=api-503 in its manifest, so every API call answers 503 while /health stays 200.
   * It is deployed as the deploy step does (record, make current, restart); the watch sees the
   * errors and rolls back by itself: 1.2.0's artifacts serve again and /health says 1.2.0.
   */
  @Test
  @Order(5)
  void aFailingReleaseIsRolledBackAutomaticallyToThePreviousVersion() throws Exception {
    settle();
    String token = token();
    String deployed =
        new LocalDeployment(config(), "1.2.1", Map.of("RELEASE_FAULT", "api-503")).deploy();
    readyAtNanos = System.nanoTime();
    System.out.println("deployed the failing release: " + deployed);
    assertEquals("1.2.1", healthVersion());
    assertEquals(503, status("/api/changes", token), "the failing release answers 5xx");
    long started = System.nanoTime();
    LocalStack.Ops post =
        underTraffic(
            token,
            () ->
                stack.ops(
                    "release",
                    "post",
                    "--version",
                    "1.2.1",
                    "--window",
                    "30s",
                    "--step",
                    "1s",
                    "--rollback-after",
                    "3s"));
    long tookMs = (System.nanoTime() - started) / 1_000_000;
    readyAtNanos = System.nanoTime();
    System.out.println(
        "$ runbooks/ops release post --window 30s --step 1s --rollback-after 3s ("
            + tookMs
            + " ms with the restarts)\n"
            + post.out());
    assertEquals(1, post.exitCode(), post.out());
    assertTrue(
        post.out().contains("✘ release 1.2.1 rolled back automatically to 1.2.0"), post.out());
    assertTrue(
        post.out().contains("rolledBackFrom 1.2.1"), "announced to the front ends: " + post.out());
    assertEquals("1.2.0", healthVersion(), "/health is back on the previous version");
    assertEquals(200, status("/api/changes", token), "the previous version answers again");
    try (com.google.cloud.firestore.Firestore firestore = firestore()) {
      var entries =
          firestore
              .collection("auditLogs")
              .whereEqualTo("action", "release.rollback")
              .get()
              .get()
              .getDocuments();
      assertEquals(1, entries.size());
      assertEquals("1.2.1", entries.get(0).getString("targetId"));
      long after =
          ((Number) ((Map<?, ?>) entries.get(0).get("after")).get("rolledBackAfterSeconds"))
              .longValue();
      System.out.println(
          "the watch decided the rollback " + after + " s in (rule: 3 s; window 30 s)");
      assertTrue(
          after >= 3 && after < 30, "not before the rule, within the window: " + after + " s");
    }
    assertEquals(
        1, stack.ops("release", "diagnose").exitCode(), "diagnose names the automatic rollback");
    assertEquals(
        java.util.List.of("1.1.0", "1.2.0"), LocalReleases.of(config()).manifest().history());
  }

  @Test
  @Order(6)
  void rollbackByHandGoesBackOneMoreVersion() throws Exception {
    settle();
    assertEquals(4, stack.ops("release", "rollback").exitCode(), "not without --yes");
    LocalStack.Ops rollback = stack.ops("release", "rollback", "--yes");
    System.out.println("$ runbooks/ops release rollback --yes\n" + rollback.out());
    assertEquals(0, rollback.exitCode(), rollback.out() + rollback.err());
    assertTrue(rollback.out().startsWith("OK — rolled back 1.2.0 -> 1.1.0"), rollback.out());
    assertEquals("1.1.0", healthVersion());
    LocalStack.Ops again = stack.ops("release", "rollback", "--yes");
    assertTrue(
        again.exitCode() != 0 && again.out().contains("no previous release"),
        again.out() + again.err());
  }
}
