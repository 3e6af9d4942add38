package com.utalk.emulators.stack;

import java.time.Duration;
import java.util.Optional;

/**
 * {@code down}: asks the launcher to stop (it stops its children), then makes sure every process
 * recorded in the state file is gone. Only recorded pids whose start time still matches are
 * signalled; reused emulators are left alone.
 */
final class DownCommand {
  private DownCommand() {}

  static int run(StackConfig config) {
    Optional<StackState> read = StackState.read(config);
    if (read.isEmpty()) {
      System.out.println(
          "nothing to stop (no " + config.repoRoot().relativize(StackState.file(config)) + ")");
      return 0;
    }
    StackState state = read.get();
    int stopped = 0;
    Optional<ProcessHandle> launcher =
        ProcessTree.find(state.supervisorPid(), state.supervisorStartedAt());
    if (launcher.isPresent()) {
      // SIGTERM: the launcher's shutdown hook stops the services and emulators in order.
      launcher.get().destroy();
      try {
        launcher.get().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
      } catch (Exception e) {
        launcher.get().destroyForcibly();
      }
      stopped++;
    }
    stopped += stopParts(state);
    StackState.delete(config);
    ClasspathSnapshot.delete(config.snapshotDir());
    System.out.println(stopped == 0 ? "nothing was running" : "stopped the local stack");
    return 0;
  }

  /** Stops the recorded child processes still alive; returns how many there were. */
  static int stopParts(StackState state) {
    int stopped = 0;
    for (StackState.Part part : state.parts()) {
      if (part.external() || part.pid() == null) {
        continue;
      }
      Optional<ProcessHandle> process = ProcessTree.find(part.pid(), part.pidStartedAt());
      if (process.isPresent()) {
        ProcessTree.stop(process.get(), Duration.ofSeconds(10));
        stopped++;
      }
    }
    return stopped;
  }
}
