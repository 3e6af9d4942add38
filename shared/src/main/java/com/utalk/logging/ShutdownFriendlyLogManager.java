package com.utalk.logging;

import java.util.logging.LogManager;

/**
 * A {@link LogManager} that keeps its handlers through JVM shutdown. The JDK's own shutdown hook
 * resets logging while the other hooks still run, so a service that drains on SIGTERM would lose
 * the log lines of its drain. Install it before the first logger is created:
 * {@code System.setProperty("java.util.logging.manager", ShutdownFriendlyLogManager.class.getName())}.
 */
public final class ShutdownFriendlyLogManager extends LogManager {
  private volatile boolean shuttingDown;

  public ShutdownFriendlyLogManager() {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> shuttingDown = true, "log-manager-shutdown-flag"));
  }

  @Override
  public void reset() {
    if (!shuttingDown) {
      super.reset();
    }
  }
}
