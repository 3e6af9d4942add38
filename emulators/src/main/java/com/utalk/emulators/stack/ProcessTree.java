package com.utalk.emulators.stack;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Stops a process together with everything it started (gcloud runs the emulator as a grandchild
 * JVM): SIGTERM to all, then SIGKILL to what is left after the grace period.
 */
final class ProcessTree {
  private ProcessTree() {}

  /**
   * The live process with this pid, if it is still the one we started: a pid recorded in a state
   * file may have been reused by an unrelated process since, which must never be signalled.
   */
  static Optional<ProcessHandle> find(Long pid, String startedAt) {
    if (pid == null) {
      return Optional.empty();
    }
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(
            handle ->
                startedAt == null
                    || handle
                        .info()
                        .startInstant()
                        .map(Instant::toString)
                        .orElse("")
                        .equals(startedAt));
  }

  static String startInstant(ProcessHandle handle) {
    return handle.info().startInstant().map(Instant::toString).orElse(null);
  }

  /** True when everything stopped within {@code grace} plus the SIGKILL wait. */
  static boolean stop(ProcessHandle root, Duration grace) {
    List<ProcessHandle> all = new ArrayList<>();
    all.add(root);
    root.descendants().forEach(all::add);
    all.forEach(ProcessHandle::destroy);
    if (awaitExit(all, grace)) {
      return true;
    }
    all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    return awaitExit(all, Duration.ofSeconds(5));
  }

  private static boolean awaitExit(List<ProcessHandle> processes, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (processes.stream().noneMatch(ProcessHandle::isAlive)) {
        return true;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return processes.stream().noneMatch(ProcessHandle::isAlive);
  }
}
