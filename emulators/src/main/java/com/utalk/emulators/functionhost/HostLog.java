package com.utalk.emulators.functionhost;

import java.io.PrintStream;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * The host's own log handler. java.util.logging is one per JVM, so every function's LogSetup adds a
 * handler to the same root logger, each taking only the records of threads working for its function
 * (their context class loader is the function's). This handler takes what none of them does: the
 * host's own lines, and records logged before a function set its logging up or on threads no
 * function owns (the JDK's common pool, say), as plain text on stdout.
 */
final class HostLog extends Handler {
  private final List<ClassLoader> functionLoaders;
  private final PrintStream out = System.out;

  private HostLog(List<ClassLoader> functionLoaders) {
    this.functionLoaders = functionLoaders;
    setFormatter(new SimpleFormatter());
  }

  static void install(List<ClassLoader> functionLoaders) {
    System.setProperty(
        "java.util.logging.SimpleFormatter.format", "%1$tT.%1$tL %4$s %3$s %5$s%6$s%n");
    Logger root = LogManager.getLogManager().getLogger("");
    for (Handler handler : root.getHandlers()) {
      root.removeHandler(handler);
    }
    root.addHandler(new HostLog(functionLoaders));
  }

  @Override
  public void publish(LogRecord record) {
    if (!isLoggable(record) || claimedByAFunction()) {
      return;
    }
    synchronized (out) {
      out.print(getFormatter().format(record));
      out.flush();
    }
  }

  /** True when the current thread works for a function whose own handler is installed. */
  private boolean claimedByAFunction() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    if (context == null || !functionLoaders.contains(context)) {
      return false;
    }
    for (Handler handler : Logger.getLogger("").getHandlers()) {
      if (handler.getClass().getClassLoader() == context) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void flush() {
    out.flush();
  }

  @Override
  public void close() {
    flush();
  }
}
