package com.utalk.logging;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The project's logger. Fields are passed as alternating key/value pairs and are redacted by the
 * formatter, so callers may pass a phone number or a body without leaking it. The request ID of the
 * current {@link RequestContext} is captured when the line is written.
 */
public final class Log {
  private final Logger logger;

  private Log(Logger logger) {
    this.logger = logger;
  }

  public static Log get(Class<?> owner) {
    return new Log(Logger.getLogger(owner.getName()));
  }

  public void debug(String message, Object... keyValues) {
    write(Level.FINE, message, null, keyValues);
  }

  public void info(String message, Object... keyValues) {
    write(Level.INFO, message, null, keyValues);
  }

  public void warn(String message, Object... keyValues) {
    write(Level.WARNING, message, null, keyValues);
  }

  public void error(String message, Throwable error, Object... keyValues) {
    write(Level.SEVERE, message, error, keyValues);
  }

  public boolean isDebugEnabled() {
    return logger.isLoggable(Level.FINE);
  }

  private void write(Level level, String message, Throwable error, Object... keyValues) {
    if (!logger.isLoggable(level)) {
      return;
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      fields.put(String.valueOf(keyValues[i]), keyValues[i + 1]);
    }
    if (keyValues.length % 2 != 0) {
      // A dropped value would go unnoticed; the dangling argument itself is not written (a value
      // passed without its key could be anything, a token included).
      fields.put(
          "loggingError",
          "odd number of key/value arguments (" + keyValues.length + "): the last one was dropped");
    }
    RequestContext.current()
        .ifPresent(
            context -> {
              fields.putIfAbsent(LogFields.REQUEST_ID, context.requestId());
              if (context.traceId() != null) {
                fields.putIfAbsent(LogFields.TRACE_ID, context.traceId());
              }
            });
    LogRecord record = new LogRecord(level, message);
    record.setLoggerName(logger.getName());
    record.setParameters(new Object[] {fields});
    record.setThrown(error);
    logger.log(record);
  }
}
