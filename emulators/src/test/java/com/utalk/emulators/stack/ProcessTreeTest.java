package com.utalk.emulators.stack;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Stopping a part of the stack that will not stop when asked (an emulator hung in shutdown). */
class ProcessTreeTest {
  @Test
  void aProcessTreeIgnoringSigtermIsKilledAfterTheGracePeriod() throws Exception {
    Process stubborn = new ProcessBuilder("sh", "-c", "trap '' TERM; sleep 120 & wait").start();
    ProcessHandle root = stubborn.toHandle();
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (root.children().findAny().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    List<ProcessHandle> all = new java.util.ArrayList<>(List.of(root));
    root.descendants().forEach(all::add);
    assertTrue(all.size() >= 2, "the shell and its sleep");

    long started = System.nanoTime();
    boolean stopped = ProcessTree.stop(root, Duration.ofMillis(300));

    assertTrue(stopped, "SIGKILL after the grace period");
    assertTrue(
        System.nanoTime() - started >= Duration.ofMillis(300).toNanos(),
        "SIGTERM was given its grace period first");
    for (ProcessHandle process : all) {
      assertFalse(process.isAlive(), process.pid() + " is gone");
    }
  }
}
