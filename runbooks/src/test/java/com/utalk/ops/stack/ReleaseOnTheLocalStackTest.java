package com.utalk.ops.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The release checklists on the real local stack, as an operator types them: pre (honest about
 * what this build cannot check), during (backup verified, deploy = the stack's services restarted
 * on the build on disk, health, smoke tests, api.changes announced) and a short post watch.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReleaseOnTheLocalStackTest {
  /** Longer than the stack's StackSupervisor.MIN_UPTIME_BEFORE_RESTART (10 s): a process that exits sooner is left down as a crash. */
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

  @Test
  @Order(1)
  void preSaysWhichChecksCannotRunHereAndNeverFakesThem() throws Exception {
    // the test reports of a green run (this build's own are still being written)
    java.nio.file.Path reports = java.nio.file.Files.createDirectories(stack.runDir.resolve("reports/shared/target/surefire-reports"));
    java.nio.file.Files.writeString(reports.resolve("TEST-x.xml"), "<testsuite name=\"x\" tests=\"40\" errors=\"0\" skipped=\"0\" failures=\"0\">");
    LocalStack.Ops pre = stack.ops("release", "pre", "--version", "1.2.0", "--test-reports", stack.runDir.resolve("reports").toString());
    System.out.println("$ runbooks/ops release pre\n" + pre.out());
    assertEquals(0, pre.exitCode(), pre.out());
    assertTrue(pre.out().contains("✔ all tests green: 40 tests in 1 reports"), pre.out());
    assertTrue(pre.out().contains("– coverage above 80%: skipped: "), pre.out());
    assertTrue(pre.out().contains("– security scan clean: skipped: "), pre.out());
    assertTrue(pre.out().contains("✔ changelog and migration guide for 1.2.0: "), pre.out());
    assertTrue(pre.out().contains("✔ staging healthy: /health 200"), pre.out());
    assertTrue(pre.out().contains("✔ rollback plan: previous version's artifacts: roll back to 1.1.0"), pre.out());
    assertTrue(!pre.out().contains("✔ coverage") && !pre.out().contains("✔ security"), pre.out());
  }

  @Test
  @Order(2)
  void duringTakesAVerifiedBackupRestartsTheStackSmokeTestsAndAnnounces() throws Exception {
    // an operator deploys onto a stack that has been up a while; the stack refuses to restart a just-started process
    Thread.sleep(Math.max(0, UP_BEFORE_DEPLOY_MS - (System.nanoTime() - readyAtNanos) / 1_000_000));
    long apiBefore = stack.pidOf("api");
    long realtimeBefore = stack.pidOf("realtime-service");
    assertEquals(4, stack.ops("release", "during").exitCode(), "a release is not made without --yes or a yes");
    LocalStack.Ops during = stack.ops("release", "during", "--version", "1.2.0", "--yes");
    System.out.println("$ runbooks/ops release during --yes\n" + during.out());
    assertEquals(0, during.exitCode(), during.out() + during.err() + stack.launcherLog());
    for (String check : new String[] {"✔ backup taken and verified: backup ", "✔ deploy: api restarted", "✔ health checks: ",
        "✔ smoke: signed webhook stored once: ", "stored 1 time(s)", "✔ smoke: login: ", "✔ smoke: socket connect and ack: ",
        "✔ changes of 1.2.0 announced (api.changes): "}) {
      assertTrue(during.out().contains(check), check + " in\n" + during.out());
    }
    assertNotEquals(apiBefore, stack.pidOf("api"), "the functions host was restarted");
    try (com.google.cloud.firestore.Firestore firestore = com.utalk.gcp.FirestoreProvider.create(
        new com.utalk.gcp.GcpProject("utalk-local", "127.0.0.1:" + stack.env.get("UTALK_FIRESTORE_PORT"), null))) {
      var entries = firestore.collection("auditLogs").whereEqualTo("action", "release.deploy").get().get().getDocuments();
      assertEquals(1, entries.size(), "the release is in the audit log");
      assertEquals("1.2.0", entries.get(0).getString("targetId"));
    }
    assertNotEquals(realtimeBefore, stack.pidOf("realtime-service"), "the realtime service was restarted");
  }

  @Test
  @Order(3)
  void postWatchesTheStackAndDiagnoseFindsNoRollback() throws Exception {
    String token = com.utalk.json.Json.read(java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(stack.url("UTALK_GATEWAY_PORT") + "/api/auth/login"))
            .header("Content-Type", "application/json")
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"email\":\"agent@demo.utalk.local\",\"password\":\"demo-agent-password\"}")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofByteArray()).body()).path("accessToken").asText();
    java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
    Thread traffic = new Thread(() -> {
      java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
      while (running.get()) {
        try {
          http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(stack.url("UTALK_GATEWAY_PORT") + "/api/auth/me"))
              .header("Authorization", "Bearer " + token).build(), java.net.http.HttpResponse.BodyHandlers.discarding());
          Thread.sleep(50);
        } catch (Exception e) {
          return;
        }
      }
    });
    traffic.start();
    LocalStack.Ops post;
    try {
      post = stack.ops("release", "post", "--version", "1.2.0", "--window", "6s", "--step", "1s", "--rollback-after", "2s");
    } finally {
      running.set(false);
      traffic.join(5_000);
    }
    System.out.println("$ runbooks/ops release post --window 6s --step 1s --rollback-after 2s\n" + post.out());
    // the targets themselves are judged in FailingReleaseTest; here: the watch reads the stack's real /metrics
    assertTrue(!post.out().contains("rolled back"), post.out());
    assertTrue(post.out().contains("  error rate: 0.00%"), post.out());
    java.util.regex.Matcher requests = java.util.regex.Pattern.compile("requests in the window: (\\d+)").matcher(post.out());
    assertTrue(requests.find() && Long.parseLong(requests.group(1)) > 20, post.out());
    assertEquals("OK", stack.ops("release", "diagnose").verdict());
  }
}
