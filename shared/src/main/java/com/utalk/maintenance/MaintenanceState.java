package com.utalk.maintenance;

import java.time.Instant;

/** Whether the system is in maintenance, why, since when, and what Retry-After callers are told. */
public record MaintenanceState(
    boolean active, String reason, Instant since, long retryAfterSeconds) {
  public static final MaintenanceState OFF = new MaintenanceState(false, null, null, 0);
}
