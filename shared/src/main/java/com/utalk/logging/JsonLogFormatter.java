package com.utalk.logging;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.utalk.config.ServiceIdentity;
import com.utalk.json.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/** One JSON object per line in Cloud Logging's structured-logging format. */
final class JsonLogFormatter extends Formatter {
  static final String TRACE_KEY = "logging.googleapis.com/trace";
  static final String LABELS_KEY = "logging.googleapis.com/labels";

  private final ServiceIdentity identity;
  private final String projectId;

  JsonLogFormatter(ServiceIdentity identity, String projectId) {
    this.identity = identity;
    this.projectId = projectId;
  }

  @Override
  public String format(LogRecord record) {
    ObjectNode line = Json.object();
    line.put("severity", severity(record.getLevel()));
    line.put("message", Redactor.maskPhones(formatMessage(record)));
    line.put("time", Instant.ofEpochMilli(record.getMillis()).toString());
    line.put("service", identity.service());
    line.put("environment", identity.environment().label());
    line.put("version", identity.version());
    line.put("logger", record.getLoggerName());

    LogFields fields = LogFields.from(record);
    String requestId =
        fields.requestId() != null ? fields.requestId() : RequestContext.currentRequestId();
    String traceId =
        fields.traceId() != null
            ? fields.traceId()
            : RequestContext.current().map(RequestContext::traceId).orElse(null);
    if (requestId != null) {
      line.put("requestId", requestId);
      line.putObject(LABELS_KEY).put("requestId", requestId);
    }
    if (traceId != null) {
      line.put(TRACE_KEY, "projects/" + projectId + "/traces/" + traceId);
    }
    for (Map.Entry<String, Object> field : Redactor.redactFields(fields.values()).entrySet()) {
      line.set(field.getKey(), Json.mapper().valueToTree(field.getValue()));
    }
    if (record.getThrown() != null) {
      StringWriter trace = new StringWriter();
      record.getThrown().printStackTrace(new PrintWriter(trace));
      line.put("stack_trace", Redactor.maskPhones(trace.toString()));
    }
    return Json.write(line) + System.lineSeparator();
  }

  static String severity(Level level) {
    int value = level.intValue();
    if (value >= Level.SEVERE.intValue()) return "ERROR";
    if (value >= Level.WARNING.intValue()) return "WARNING";
    if (value >= Level.INFO.intValue()) return "INFO";
    return "DEBUG";
  }
}
