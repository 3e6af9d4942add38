package com.utalk.emulators.stack;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * At the development log level (debug) the JDK's own HTTP server and client log every socket event,
 * including stack traces for each readiness probe that finds a port still closed. LogSetup quiets
 * the client libraries but not these, so the launcher does.
 */
final class JdkLogLevels {
  /** Held strongly: JUL keeps loggers weakly, and a collected logger forgets its level. */
  private static final List<Logger> QUIETED =
      List.of(
          Logger.getLogger("com.sun.net.httpserver"),
          Logger.getLogger("jdk.internal.httpclient.debug"),
          Logger.getLogger("jdk.internal.httpclient.hpack.debug"),
          Logger.getLogger("jdk.internal.httpclient.websocket.debug"),
          Logger.getLogger("jdk.httpclient.HttpClient"),
          Logger.getLogger("jdk.event.security"));

  private JdkLogLevels() {}

  static void quiet() {
    QUIETED.forEach(logger -> logger.setLevel(Level.INFO));
  }
}
