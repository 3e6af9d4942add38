package com.utalk.kpi;

import com.utalk.errors.ValidationException;
import com.utalk.validation.Instants;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the stored rollups for {@code GET /api/kpis}. Every period of the range is reported (a
 * period without a rollup has zero counters, so its KPIs are 0 as in the operations reference). The
 * current hour is as fresh as the last hourly rollup.
 */
public final class KpiReportService {
  /** The most periods one request may ask for. */
  public static final int MAX_PERIODS = 1000;

  private final KpiRollupStore rollups;
  private final Clock clock;

  public KpiReportService(KpiRollupStore rollups, Clock clock) {
    this.rollups = rollups;
    this.clock = clock;
  }

  /**
   * {@code period}: hour, day (default), week, month. {@code from}/{@code to}: ISO dates or
   * instants, both inclusive at the period's granularity; defaults: the last 7 days (24 hours, 8
   * weeks, 6 months).
   */
  public KpiReport report(
      String workspaceId, String periodParam, String fromParam, String toParam) {
    Period period;
    try {
      period =
          periodParam == null || periodParam.isBlank() ? Period.DAY : Period.fromWire(periodParam);
    } catch (IllegalArgumentException e) {
      throw new ValidationException("period", "period must be hour, day, week or month");
    }
    Instant to = toParam == null || toParam.isBlank() ? clock.instant() : parse("to", toParam);
    Instant lastStart = period.start(to);
    Instant end = period.next(lastStart);
    Instant from =
        fromParam == null || fromParam.isBlank()
            ? defaultFrom(period, lastStart)
            : period.start(parse("from", fromParam));
    if (from.isAfter(lastStart)) {
      throw new ValidationException("from", "from must not be after to");
    }
    List<Instant> starts = new ArrayList<>();
    for (Instant start = from; start.isBefore(end); start = period.next(start)) {
      starts.add(start);
      if (starts.size() > MAX_PERIODS) {
        throw new ValidationException("from", "at most " + MAX_PERIODS + " periods per request");
      }
    }
    Map<Instant, Tally> stored = new HashMap<>();
    for (KpiRollupStore.StoredRollup rollup : rollups.list(workspaceId, period, from, end)) {
      stored.put(rollup.start(), rollup.counters());
    }
    List<KpiReport.Row> rows = new ArrayList<>();
    Tally overall = Tally.ZERO;
    for (Instant start : starts) {
      Tally tally = stored.getOrDefault(start, Tally.ZERO);
      overall = overall.plus(tally);
      rows.add(
          new KpiReport.Row(
              period.key(start), start, period.next(start), KpiReport.evaluate(tally)));
    }
    return new KpiReport(workspaceId, period, from, end, rows, KpiReport.evaluate(overall));
  }

  private static Instant defaultFrom(Period period, Instant lastStart) {
    Instant from = lastStart;
    int count =
        switch (period) {
          case HOUR -> 24;
          case DAY -> 7;
          case WEEK -> 8;
          case MONTH -> 6;
        };
    for (int i = 1; i < count; i++) {
      from = period.start(from.minusSeconds(1));
    }
    return from;
  }

  private static Instant parse(String field, String value) {
    Instant instant;
    try {
      instant =
          value.length() == 10
              ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
              : Instant.parse(value);
    } catch (DateTimeException e) {
      throw new ValidationException(
          field, field + " must be a date (2026-03-01) or an instant (2026-03-01T10:00:00Z)");
    }
    // a year Firestore cannot store (10000, -1) is refused here, not failed on at the query
    if (!Instants.storable(instant)) {
      throw new ValidationException(field, field + " must be between years 1 and 9999");
    }
    return instant;
  }
}
