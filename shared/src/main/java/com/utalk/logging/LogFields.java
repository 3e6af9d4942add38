package com.utalk.logging;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.LogRecord;

/** Structured fields attached to a record by {@link Log}; records from libraries have none. */
record LogFields(Map<String, Object> values, String requestId, String traceId) {
  static final String REQUEST_ID = "requestId";
  static final String TRACE_ID = "traceId";

  @SuppressWarnings("unchecked")
  static LogFields from(LogRecord record) {
    Object[] parameters = record.getParameters();
    if (parameters == null || parameters.length != 1 || !(parameters[0] instanceof Map<?, ?> map)) {
      return new LogFields(Map.of(), null, null);
    }
    Map<String, Object> values = new LinkedHashMap<>((Map<String, Object>) map);
    String requestId = (String) values.remove(REQUEST_ID);
    String traceId = (String) values.remove(TRACE_ID);
    return new LogFields(values, requestId, traceId);
  }
}
