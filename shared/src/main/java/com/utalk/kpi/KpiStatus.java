package com.utalk.kpi;

import java.util.Locale;

/** Whether a KPI value meets its target. */
public enum KpiStatus {
  OK,
  BREACH;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
