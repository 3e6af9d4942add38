package com.utalk.logging;

import com.utalk.config.ServiceIdentity;
import com.utalk.config.Settings;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * The single logger setup: every JUL logger (and SLF4J, bridged to JUL) writes JSON lines to
 * stdout. LOG_LEVEL overrides the environment's default level.
 */
public final class LogSetup {
  /** JUL keeps loggers weakly: without these references the quieter levels would be forgotten. */
  private static final java.util.List<Logger> CONFIGURED =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Set by the local functions host for each function it runs beside the others. */
  static final String SHARED_JVM_SETTING = "FUNCTION_HOST_SHARED_JVM";

  private LogSetup() {}

  public static synchronized void install(Settings settings) {
    install(settings, System.out);
  }

  public static synchronized void install(Settings settings, OutputStream out) {
    ServiceIdentity identity = ServiceIdentity.from(settings);
    Level level = parseLevel(settings.get("LOG_LEVEL", identity.environment().defaultLogLevel()));
    String project = settings.get("GOOGLE_CLOUD_PROJECT", "utalk-local");
    Logger root = LogManager.getLogManager().getLogger("");
    // Several functions in one JVM (the local functions host) share java.util.logging's one root:
    // each then replaces only its own handler and takes only the records of its own threads.
    boolean sharedJvm = settings.getBoolean(SHARED_JVM_SETTING, false);
    for (Handler handler : root.getHandlers()) {
      if (!sharedJvm || handler instanceof FlushingHandler) {
        root.removeHandler(handler);
      }
    }
    Handler handler =
        new FlushingHandler(
            out instanceof PrintStream ps
                ? ps
                : new PrintStream(out, true, StandardCharsets.UTF_8));
    handler.setFormatter(new JsonLogFormatter(identity, project));
    handler.setLevel(level);
    if (sharedJvm) {
      ClassLoader own = LogSetup.class.getClassLoader();
      handler.setFilter(record -> Thread.currentThread().getContextClassLoader() == own);
    }
    root.addHandler(handler);
    root.setLevel(level);
    // Client libraries are chatty at debug; keep them at INFO so debug output stays ours.
    for (String noisy :
        new String[] {
          "io.grpc",
          "io.netty",
          "com.google",
          "org.eclipse.jetty",
          "org.apache",
          "sun.net",
          "com.sun.net.httpserver",
          "jdk.internal.httpclient",
          "jdk.event.security"
        }) {
      Logger logger = Logger.getLogger(noisy);
      logger.setLevel(level.intValue() < Level.INFO.intValue() ? Level.INFO : level);
      if (!CONFIGURED.contains(logger)) {
        CONFIGURED.add(logger);
      }
    }
  }

  static Level parseLevel(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "trace" -> Level.FINEST;
      case "debug" -> Level.FINE;
      case "info" -> Level.INFO;
      case "warn", "warning" -> Level.WARNING;
      case "error" -> Level.SEVERE;
      case "off" -> Level.OFF;
      default -> Level.INFO;
    };
  }

  /** Flushes each line so logs survive a function instance being frozen or killed. */
  private static final class FlushingHandler extends StreamHandler {
    FlushingHandler(PrintStream out) {
      super(out, new java.util.logging.SimpleFormatter());
    }

    @Override
    public synchronized void publish(java.util.logging.LogRecord record) {
      super.publish(record);
      flush();
    }

    @Override
    public synchronized void close() {
      flush();
    }
  }
}
