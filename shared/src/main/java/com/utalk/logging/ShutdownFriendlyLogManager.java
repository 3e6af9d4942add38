package com.utalk.logging;

import java.util.logging.LogManager;

/**
 * A {@link LogManager} that keeps its handlers through JVM shutdown. The JDK's own shutdown hook
 * resets logging while the other hooks still run, so a service that drains on SIGTERM would lose
 * the log lines of its drain. Install it before the first logger is created: {@code
 * System.setProperty("java.util.logging.manager", ShutdownFriendlyLogManager.class.getName())}.
 *
 * <p>Shutdown hooks run in no set order, so a flag set by a hook of our own raced the JDK's reset
 * (and lost once the realtime service had more threads to start). Whether the JVM is shutting down
 * is asked of the runtime itself instead: it refuses new hooks from then on.
 */
public final class ShutdownFriendlyLogManager extends LogManager {
  @Override
  public void reset() {
    if (!shuttingDown()) {
      super.reset();
    }
  }

  private static boolean shuttingDown() {
    Thread probe = new Thread(() -> {});
    try {
      Runtime.getRuntime().addShutdownHook(probe);
      Runtime.getRuntime().removeShutdownHook(probe);
      return false;
    } catch (IllegalStateException shutdownInProgress) {
      return true;
    }
  }
}
