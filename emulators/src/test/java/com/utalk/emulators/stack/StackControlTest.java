package com.utalk.emulators.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link StackControl#restart}, what the operator CLI uses to replace a service instance: it stops
 * the recorded process and returns once the launcher recorded a ready successor; it refuses parts
 * it cannot restart, naming why.
 */
class StackControlTest {
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
  void withNoStackThePartIsNotFoundAndTheStateFileIsNamed() {
    IllegalStateException refused =
        assertThrows(
            IllegalStateException.class,
            () -> StackControl.restart(stack.config(), "realtime-service"));

    assertEquals(
        "no part realtime-service in " + StackState.file(stack.config()) + " (is the stack up?)",
        refused.getMessage());
  }

  @Test
  void aPartLivingInsideTheLauncherCannotBeRestartedAlone() {
    stack.writeState(
        ProcessHandle.current(),
        StackState.READY,
        null,
        List.of(TestStackFolder.inLauncher("gateway", "http://127.0.0.1:1")));

    IllegalStateException refused =
        assertThrows(
            IllegalStateException.class, () -> StackControl.restart(stack.config(), "gateway"));

    assertEquals(
        "gateway runs inside the launcher; restart the stack (emulators/dev down, up)",
        refused.getMessage());
  }

  @Test
  void theServiceIsStoppedAndTheRestartReturnsOnceItsSuccessorIsReady() throws Exception {
    ProcessHandle before = stack.sleeper();
    ProcessHandle after = stack.sleeper();
    stack.writeState(
        ProcessHandle.current(),
        StackState.READY,
        null,
        List.of(
            TestStackFolder.child("realtime-service", "service", "http://127.0.0.1:1", before)));
    // the launcher's part: once the old process is gone, record its successor
    CompletableFuture<Void> launcher =
        before
            .onExit()
            .thenRun(
                () -> {
                  // it rewrites its state as it goes: first without the part, then starting, then
                  // ready
                  stack.writeState(ProcessHandle.current(), StackState.READY, null, List.of());
                  sleep(300);
                  StackState.Part starting =
                      new StackState.Part(
                          "realtime-service",
                          "service",
                          "http://127.0.0.1:1",
                          after.pid(),
                          ProcessTree.startInstant(after),
                          null,
                          false,
                          false);
                  stack.writeState(
                      ProcessHandle.current(), StackState.READY, null, List.of(starting));
                  sleep(300);
                  stack.writeState(
                      ProcessHandle.current(), StackState.READY, null, List.of(starting.asReady()));
                });

    String result = StackControl.restart(stack.config(), "realtime-service");

    assertEquals("realtime-service restarted: pid " + before.pid() + " -> " + after.pid(), result);
    assertFalse(before.isAlive());
    launcher.get(5, TimeUnit.SECONDS);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
