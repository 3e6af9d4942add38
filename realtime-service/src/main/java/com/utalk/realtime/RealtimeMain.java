package com.utalk.realtime;

import com.utalk.config.Settings;
import com.utalk.logging.ShutdownFriendlyLogManager;
import java.time.Clock;

/**
 * The Cloud Run entry point: {@code java -cp ... com.utalk.realtime.RealtimeMain}. Listens on
 * {@code $PORT}; SIGTERM (Cloud Run scaling in or deploying) drains for up to {@code
 * REALTIME_DRAIN_SECONDS} (10 s) through the shutdown hook.
 */
public final class RealtimeMain {
  private RealtimeMain() {}

  public static void main(String[] args) throws InterruptedException {
    // before any logger exists: keep logging alive while the shutdown hook drains
    System.setProperty("java.util.logging.manager", ShutdownFriendlyLogManager.class.getName());
    RealtimeServer server = RealtimeServer.start(Settings.fromEnvironment(), Clock.systemUTC());
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "realtime-shutdown"));
    Thread.currentThread().join();
  }
}
