package com.utalk.emulators.stack;

import java.util.Optional;

/**
 * {@code status}: each recorded part, whether its process lives and its address answers. Exit 1
 * unless all is up.
 */
final class StatusCommand {
  private StatusCommand() {}

  static int run(StackConfig config) {
    Optional<StackState> read = StackState.read(config);
    if (read.isEmpty()) {
      System.out.println(
          "the local stack is not running (start it with: emulators/dev up --detach)");
      return 1;
    }
    StackState state = read.get();
    boolean launcherAlive =
        ProcessTree.find(state.supervisorPid(), state.supervisorStartedAt()).isPresent();
    System.out.println(
        "launcher pid "
            + state.supervisorPid()
            + ": "
            + (launcherAlive ? state.phase() : "NOT RUNNING")
            + (state.failure() != null ? " (" + state.failure() + ")" : ""));
    boolean allUp = launcherAlive && StackState.READY.equals(state.phase());
    for (StackState.Part part : state.parts()) {
      boolean up =
          answers(part)
              && (part.pid() == null
                  || part.external()
                  || ProcessTree.find(part.pid(), part.pidStartedAt()).isPresent());
      allUp &= up;
      System.out.printf(
          "  %-26s %-10s %-32s %s%n", part.name(), part.kind(), part.address(), up ? "up" : "DOWN");
    }
    if (launcherAlive) {
      System.out.println("gateway /health: " + Probes.get(config.gatewayUrl() + "/health"));
    }
    return allUp ? 0 : 1;
  }

  private static boolean answers(StackState.Part part) {
    String address = part.address();
    if (address.startsWith("http://")) {
      return Probes.answersHttp(
          address + (part.name().equals("twilio-standin") ? "/_standin/health" : "/"));
    }
    int colon = address.lastIndexOf(':');
    if (colon < 0) {
      return true; // the bridge has no address of its own; it lives and dies with the launcher
    }
    return Probes.listening(
        address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)));
  }
}
