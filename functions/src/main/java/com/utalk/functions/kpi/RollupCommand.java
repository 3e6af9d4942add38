package com.utalk.functions.kpi;

/**
 * The {@code kpi-rollup} message. Cloud Scheduler sends {@code {}} hourly (incremental); an
 * operator may publish {@code {"mode":"verify"}} or {@code
 * {"mode":"recompute","workspaceId":"ws"}}.
 */
public record RollupCommand(String mode, String workspaceId) {
  public static final String INCREMENTAL = "incremental";

  /** Compares the counters with the raw collections and logs the differences; writes nothing. */
  public static final String VERIFY = "verify";

  /** Recomputes from the raw collections, overwrites differing counters, rewrites the rollups. */
  public static final String RECOMPUTE = "recompute";

  public String modeOrDefault() {
    return mode == null || mode.isBlank() ? INCREMENTAL : mode;
  }
}
