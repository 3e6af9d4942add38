package com.utalk.realtime.socketio;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The engine's logging, on the JDK's {@code java.util.logging} so that the engine depends on no
 * logging library of the application. Fields are alternating key/value pairs carried as the
 * record's one parameter, a {@code Map<String, Object>}: the form the UTalk application's log
 * formatter renders (and redacts) as JSON fields. Any other JUL setup prints the message and the
 * map.
 */
final class EngineLog {
  private final Logger logger;

  private EngineLog(Logger logger) {
    this.logger = logger;
  }

  static EngineLog get(Class<?> owner) {
    return new EngineLog(Logger.getLogger(owner.getName()));
  }

  void debug(String message, Object... keyValues) {
    write(Level.FINE, message, null, keyValues);
  }

  void info(String message, Object... keyValues) {
    write(Level.INFO, message, null, keyValues);
  }

  void warn(String message, Object... keyValues) {
    write(Level.WARNING, message, null, keyValues);
  }

  void error(String message, Throwable error, Object... keyValues) {
    write(Level.SEVERE, message, error, keyValues);
  }

  boolean isDebugEnabled() {
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
    LogRecord record = new LogRecord(level, message);
    record.setLoggerName(logger.getName());
    record.setParameters(new Object[] {fields});
    record.setThrown(error);
    logger.log(record);
  }
}
