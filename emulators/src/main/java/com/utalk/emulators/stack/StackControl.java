package com.utalk.emulators.stack;

import java.time.Duration;
import java.util.Optional;

/**
 * What tools outside the launcher (the operator CLI) may do to a running stack: restart one of its
 * service processes, as Cloud Run replaces an instance. The process is stopped gracefully (SIGTERM:
 * the realtime service deletes its subscription and closes its sockets) and the launcher starts it
 * again; this returns once the new process is ready.
 */
public final class StackControl {
  private static final Duration WAIT = Duration.ofSeconds(120);

  private StackControl() {}

  public static String restart(StackConfig config, String part) throws InterruptedException {
    StackState.Part before =
        find(config, part)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "no part "
                            + part
                            + " in "
                            + StackState.file(config)
                            + " (is the stack up?)"));
    if (before.pid() == null) {
      throw new IllegalStateException(
          part + " runs inside the launcher; restart the stack (emulators/dev down, up)");
    }
    ProcessHandle.of(before.pid()).ifPresent(ProcessHandle::destroy);
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<StackState.Part> now = find(config, part);
      if (now.isPresent()
          && now.get().pid() != null
          && !now.get().pid().equals(before.pid())
          && now.get().ready()) {
        return part + " restarted: pid " + before.pid() + " -> " + now.get().pid();
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(
        part + " was stopped but not ready again within " + WAIT.toSeconds() + " s (see its log)");
  }

  private static Optional<StackState.Part> find(StackConfig config, String part) {
    return StackState.read(config)
        .flatMap(state -> state.parts().stream().filter(p -> p.name().equals(part)).findFirst());
  }
}
