package com.utalk.emulators.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.utalk.emulators.testing.RecordingServer;
import com.utalk.emulators.twilio.TwilioAccount;
import com.utalk.emulators.twilio.TwilioStandIn;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code emulators/dev status}: what it prints for each part of the stack recorded in the state
 * file, and its exit status (0 only when the launcher and every part are up).
 */
class StatusCommandTest {
  private TestStackFolder stack;
  private RecordingServer gateway;
  private RecordingServer service;
  private TwilioStandIn twilio;
  private ServerSocket emulator;

  @BeforeEach
  void start() throws Exception {
    gateway = new RecordingServer();
    gateway.byDefault(new RecordingServer.Reply(200, java.util.Map.of(), "{\"status\":\"ok\"}"));
    service = new RecordingServer();
    twilio = TwilioStandIn.start(TwilioAccount.LOCAL);
    emulator = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    stack = new TestStackFolder().with("UTALK_GATEWAY_PORT", Integer.toString(gateway.port()));
  }

  @AfterEach
  void stop() throws Exception {
    stack.close();
    gateway.close();
    service.close();
    twilio.close();
    emulator.close();
  }

  @Test
  void withNoStackItSaysHowToStartOneAndFails() {
    DevCliRun status = stack.dev("status");

    assertEquals(1, status.exitCode(), status.toString());
    assertEquals(
        "the local stack is not running (start it with: emulators/dev up --detach)\n",
        status.out());
  }

  @Test
  void aRunningStackListsEveryPartUpWithTheGatewaysHealth() throws Exception {
    ProcessHandle realtime = stack.sleeper();
    stack.writeState(ProcessHandle.current(), StackState.READY, null, parts(realtime));

    DevCliRun status = stack.dev("status");

    assertEquals(0, status.exitCode(), status.toString());
    assertTrue(
        status.out().startsWith("launcher pid " + ProcessHandle.current().pid() + ": ready\n"),
        status.out());
    assertPart(status, "firestore-emulator", "up");
    assertPart(status, "twilio-standin", "up");
    assertPart(status, "realtime-service", "up");
    assertPart(status, "pubsub-bridge", "up");
    assertTrue(
        status.out().contains("gateway /health: 200 {\"status\":\"ok\"}"), status.toString());
    assertTrue(
        gateway.take(java.time.Duration.ofSeconds(2)).path().equals("/health"),
        "status probes the gateway's /health");
  }

  @Test
  void aServiceWhoseProcessDiedOrThatStoppedAnsweringIsDownAndStatusFails() throws Exception {
    ProcessHandle realtime = stack.exited(); // its address still answers: another process's port
    stack.writeState(ProcessHandle.current(), StackState.READY, null, parts(realtime));
    twilio.close(); // the in-process stand-in no longer answers

    DevCliRun status = stack.dev("status");

    assertEquals(1, status.exitCode(), status.toString());
    assertPart(status, "realtime-service", "DOWN");
    assertPart(status, "twilio-standin", "DOWN");
    assertPart(status, "firestore-emulator", "up");
  }

  @Test
  void aStackStillStartingIsNotUp() throws Exception {
    stack.writeState(ProcessHandle.current(), StackState.STARTING, null, parts(stack.sleeper()));

    DevCliRun status = stack.dev("status");

    assertEquals(1, status.exitCode(), "every part answers, but the launcher is not ready yet");
    assertTrue(status.out().contains(": starting\n"), status.out());
  }

  @Test
  void aLauncherThatDiedIsReportedWithItsFailureAndNoHealthProbe() throws Exception {
    stack.writeState(
        stack.exited(), StackState.FAILED, "gateway (port 8080) already in use", List.of());

    DevCliRun status = stack.dev("status");

    assertEquals(1, status.exitCode(), status.toString());
    assertTrue(
        Pattern.compile(
                "^launcher pid \\d+: NOT RUNNING \\(gateway \\(port 8080\\) already in use\\)$",
                Pattern.MULTILINE)
            .matcher(status.out())
            .find(),
        status.out());
    assertFalse(status.out().contains("gateway /health"), status.out());
  }

  @Test
  void aReusedEmulatorCountsAsUpWhileItListens() throws Exception {
    StackState.Part reused =
        new StackState.Part(
            "pubsub-emulator",
            "emulator",
            "127.0.0.1:" + emulator.getLocalPort(),
            null,
            null,
            null,
            true,
            true);
    stack.writeState(ProcessHandle.current(), StackState.READY, null, List.of(reused));
    assertEquals(0, stack.dev("status").exitCode());

    emulator.close();
    DevCliRun status = stack.dev("status");
    assertEquals(1, status.exitCode(), status.toString());
    assertPart(status, "pubsub-emulator", "DOWN");
  }

  @Test
  void aPartRecordedWithoutItsStartTimeIsTakenAsOursWhileItsPidLives() throws Exception {
    ProcessHandle host = stack.sleeper();
    StackState.Part untimed =
        new StackState.Part(
            "functions-host", "service", service.baseUrl(), host.pid(), null, null, true, false);
    stack.writeState(ProcessHandle.current(), StackState.READY, null, List.of(untimed));

    assertEquals(0, stack.dev("status").exitCode());
  }

  private List<StackState.Part> parts(ProcessHandle realtime) {
    return List.of(
        new StackState.Part(
            "firestore-emulator",
            "emulator",
            "127.0.0.1:" + emulator.getLocalPort(),
            null,
            null,
            null,
            true,
            true),
        TestStackFolder.inLauncher("twilio-standin", twilio.baseUrl()),
        TestStackFolder.child("realtime-service", "service", service.baseUrl(), realtime),
        TestStackFolder.inLauncher("pubsub-bridge", "subscriptions local-bridge-*"));
  }

  private static void assertPart(DevCliRun status, String name, String verdict) {
    assertTrue(
        Pattern.compile("^  " + name + " +\\S+ +\\S+.* " + verdict + "$", Pattern.MULTILINE)
            .matcher(status.out())
            .find(),
        name + " should be " + verdict + ":\n" + status.out());
  }
}
