package com.utalk.emulators.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.utalk.testing.ChildJvm;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code emulators/dev up}: never a second stack beside a running one (an idempotent {@code
 * --detach} just reports it), the remains of a killed stack cleaned up, and a start that cannot
 * succeed reported with its reason and a non-zero exit.
 */
class UpCommandTest {
  private TestStackFolder stack;

  @BeforeEach
  void folder() throws Exception {
    stack = new TestStackFolder();
  }

  @AfterEach
  void clean() throws Exception {
    stack.close();
  }

  @Test
  void detachingAgainWhileTheStackIsUpReportsItAndSucceeds() {
    stack.writeState(
        ProcessHandle.current(),
        StackState.READY,
        null,
        List.of(TestStackFolder.inLauncher("gateway", stack.config().gatewayUrl())));

    DevCliRun up = stack.dev("up", "--detach");

    assertEquals(0, up.exitCode(), up.toString());
    long pid = ProcessHandle.current().pid();
    assertTrue(
        up.out().startsWith("the local stack is already up (launcher pid " + pid + ")\n"),
        up.out());
    assertTrue(up.out().contains("UTalk local stack is up (launcher pid " + pid + ")"), up.out());
    assertTrue(up.out().contains("  gateway "), "the banner lists the parts: " + up.out());
    assertTrue(
        up.out().contains("whatsapp-inbound-webhook")
            && up.out().contains(stack.config().gatewayUrl() + "/webhooks/twilio/whatsapp"),
        "and the routes: " + up.out());
  }

  @Test
  void aSecondStackIsRefusedWhileOneIsStarting() {
    stack.writeState(ProcessHandle.current(), StackState.STARTING, null, List.of());

    DevCliRun up = stack.dev("up", "--detach");

    assertEquals(1, up.exitCode(), up.toString());
    assertEquals(
        "a local stack is already starting (launcher pid "
            + ProcessHandle.current().pid()
            + "); stop it with: emulators/dev down\n",
        up.err());
  }

  @Test
  void theForegroundStackIsRefusedWhileADetachedOneIsUp() {
    stack.writeState(ProcessHandle.current(), StackState.READY, null, List.of());

    DevCliRun up = stack.dev("up");

    assertEquals(1, up.exitCode(), up.toString());
    assertTrue(up.err().startsWith("a local stack is already ready"), up.err());
  }

  @Test
  void aDetachedStartOnAnUnbuiltCheckoutCleansUpLeftoversAndFailsNamingWhatIsMissing()
      throws Exception {
    ProcessHandle leftover = stack.sleeper();
    stack.writeState(
        stack.exited(),
        StackState.READY,
        null,
        List.of(
            TestStackFolder.child("functions-host", "service", "http://127.0.0.1:1", leftover)));

    // the realtime module compiled, but without the class path its pom writes
    java.nio.file.Files.createDirectories(
        stack.repoRoot.resolve("realtime-service/target/classes"));

    DevCliRun up = stack.devInItsOwnJvm("up", "--detach");

    assertEquals(1, up.exitCode(), up.toString());
    assertTrue(
        up.err().contains("stopped 1 process(es) left over from an earlier run"), up.toString());
    assertTrue(
        up.out().contains("starting the local stack in the background (log: emulators/.run/"),
        up.toString());
    assertTrue(
        up.err().contains("the local stack failed to start: some services are not built:"),
        up.toString());
    assertTrue(up.err().contains("functions-host: not built"), up.toString());
    assertTrue(
        up.err()
            .contains("realtime-service: realtime-service/target/runtime-classpath.txt is missing"),
        up.toString());
    assertFalse(leftover.isAlive(), "what the killed stack left running was stopped");

    DevCliRun status = stack.dev("status");
    assertEquals(1, status.exitCode(), status.toString());
    assertTrue(
        status.out().contains(": NOT RUNNING (some services are not built:"), status.toString());
  }

  @Test
  void aDetachedStartRefusesPortsAnotherProgramHolds() throws Exception {
    fakeBuild();
    try (java.net.ServerSocket busy =
        new java.net.ServerSocket(
            stack.config().gatewayPort(), 50, java.net.InetAddress.getLoopbackAddress())) {
      DevCliRun up = stack.devInItsOwnJvm("up", "--detach");

      assertEquals(1, up.exitCode(), up.toString());
      assertTrue(
          up.err()
              .contains(
                  "the local stack failed to start: ports already in use, needed by: gateway (port "
                      + busy.getLocalPort()
                      + ") (another stack running? try emulators/dev down)"),
          up.toString());
    }
  }

  @Test
  void aServiceThatDiesDuringStartUpIsNamedAndEverythingStartedIsStoppedButReusedEmulators()
      throws Exception {
    fakeBuild(); // class files that are not classes: each service JVM exits at once
    String firestore = com.utalk.testing.Emulators.firestoreHost();
    String pubsub = com.utalk.testing.Emulators.pubsubHost();
    stack
        .with("UTALK_FIRESTORE_PORT", firestore.substring(firestore.lastIndexOf(':') + 1))
        .with("UTALK_PUBSUB_PORT", pubsub.substring(pubsub.lastIndexOf(':') + 1))
        .with("UTALK_EXTRA_JVM_OPTS", ChildJvm.coverageAgentOption());

    DevCliRun up = stack.devInItsOwnJvm("up", "--detach");

    assertEquals(1, up.exitCode(), up.toString());
    assertTrue(
        java.util.regex.Pattern.compile(
                "the local stack failed to start: (functions-host|realtime-service) exited with"
                    + " code \\d+ during start-up; last lines of .*\\.log:")
            .matcher(up.err())
            .find(),
        up.toString());
    String log = java.nio.file.Files.readString(stack.runDir.resolve("stack.log"));
    assertTrue(
        log.contains(
            "firestore-emulator already running on "
                + stack.config().firestoreHost()
                + ", reusing it (it will be left running)"),
        log);
    assertTrue(log.contains("seeded workspace 'demo'"), log);
    assertTrue(log.contains("FAILED TO START: "), log);
    assertTrue(com.utalk.testing.Emulators.reachable(firestore), "the reused emulator still runs");
    assertFalse(
        Probes.listening("127.0.0.1", stack.config().gatewayPort()), "the gateway was stopped");
    assertFalse(
        Probes.listening("127.0.0.1", stack.config().twilioPort()), "and the Twilio stand-in");
    StackState failed = StackState.read(stack.config()).orElseThrow();
    assertEquals(StackState.FAILED, failed.phase());
    assertEquals(List.of(), failed.parts(), "nothing of it is left to stop");
  }

  /** What a build leaves for the launcher's checks: each service's classes and class path. */
  private void fakeBuild() throws java.io.IOException {
    for (com.utalk.platform.FunctionSpec function : com.utalk.platform.FunctionCatalog.FUNCTIONS) {
      touch("functions/target/classes/" + function.entryPoint().replace('.', '/') + ".class");
    }
    touch("functions/target/runtime-classpath.txt");
    touch("realtime-service/target/classes/com/utalk/realtime/RealtimeMain.class");
    touch("realtime-service/target/runtime-classpath.txt");
  }

  private void touch(String path) throws java.io.IOException {
    Path file = stack.repoRoot.resolve(path);
    java.nio.file.Files.createDirectories(file.getParent());
    java.nio.file.Files.write(file, new byte[0]);
  }
}
