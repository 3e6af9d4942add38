package com.utalk.ops.environment;

import java.util.List;

/** The services' logs: the stack's log files locally, Cloud Logging in a deployed environment. */
public interface LogSource {
  /** Matching entries, oldest first. */
  List<LogEntry> read(LogQuery query) throws Exception;
}
