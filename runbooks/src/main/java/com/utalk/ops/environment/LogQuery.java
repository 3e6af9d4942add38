package com.utalk.ops.environment;

import java.time.Instant;

/**
 * Which log lines a check wants: one service's, since an instant, whose message is {@code message}
 * (null: any), at most {@code limit} of the newest.
 */
public record LogQuery(String service, Instant since, String message, int limit) {
  public static final int DEFAULT_LIMIT = 5_000;

  public static LogQuery of(String service, Instant since, String message) {
    return new LogQuery(service, since, message, DEFAULT_LIMIT);
  }
}
