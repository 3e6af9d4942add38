package com.utalk.emulators.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code emulators/dev down}: stops exactly the processes the state file records as the stack's
 * (the launcher, its services and their children), never a reused emulator nor a process that
 * merely got a recorded pid again.
 */
class DownCommandTest {
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
  void withNothingRecordedThereIsNothingToStop() {
    DevCliRun down = stack.dev("down");

    assertEquals(0, down.exitCode(), down.toString());
    assertEquals("nothing to stop (no emulators/.run/stack.json)\n", down.out());
  }

  @Test
  void stopsTheLauncherAndItsServicesWithTheirChildrenButNotAReusedEmulator() throws Exception {
    ProcessHandle launcher = stack.sleeper();
    ProcessHandle functionsHost = stack.parentOfSleeper();
    ProcessHandle grandchild = functionsHost.children().findFirst().orElseThrow();
    ProcessHandle reusedEmulator = stack.sleeper();
    ProcessHandle pidReused = stack.sleeper();
    Files.createDirectories(stack.config().snapshotDir().resolve("services"));
    stack.writeState(
        launcher,
        StackState.READY,
        null,
        List.of(
            new StackState.Part(
                "firestore-emulator",
                "emulator",
                "127.0.0.1:1",
                reusedEmulator.pid(),
                ProcessTree.startInstant(reusedEmulator),
                null,
                true,
                true),
            TestStackFolder.child("functions-host", "service", "http://127.0.0.1:1", functionsHost),
            // the pid recorded for a part that exited long ago now belongs to someone else
            new StackState.Part(
                "realtime-service",
                "service",
                "http://127.0.0.1:2",
                pidReused.pid(),
                "2001-01-01T00:00:00Z",
                null,
                true,
                false),
            TestStackFolder.inLauncher("gateway", "http://127.0.0.1:3")));

    DevCliRun down = stack.dev("down");

    assertEquals(0, down.exitCode(), down.toString());
    assertEquals("stopped the local stack\n", down.out());
    awaitExit(launcher);
    awaitExit(functionsHost);
    awaitExit(grandchild);
    assertTrue(reusedEmulator.isAlive(), "an emulator that was already running is left alone");
    assertTrue(pidReused.isAlive(), "a process that is not the one recorded is never signalled");
    assertFalse(Files.exists(StackState.file(stack.config())), "the state file is gone");
    assertFalse(Files.exists(stack.config().snapshotDir()), "and the class-path copies");
    assertEquals("nothing to stop (no emulators/.run/stack.json)\n", stack.dev("down").out());
  }

  @Test
  void aStateLeftByAKilledStackIsClearedWithNothingToStop() throws Exception {
    stack.writeState(
        stack.exited(),
        StackState.READY,
        null,
        List.of(TestStackFolder.child("realtime-service", "service", "http://x", stack.exited())));

    DevCliRun down = stack.dev("down");

    assertEquals(0, down.exitCode(), down.toString());
    assertEquals("nothing was running\n", down.out());
    assertFalse(Files.exists(StackState.file(stack.config())));
  }

  private static void awaitExit(ProcessHandle process) throws Exception {
    process.onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
    assertFalse(process.isAlive(), process + " should have been stopped");
  }
}
