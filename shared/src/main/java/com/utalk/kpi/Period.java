package com.utalk.kpi;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/**
 * The rollup periods, in UTC: hour, day, ISO week (Monday to Monday) and calendar month. Keys sort
 * in time order and name the rollup documents ({@code kpis/{workspace}/day/2026-11-29}).
 */
public enum Period {
  HOUR,
  DAY,
  WEEK,
  MONTH;

  private static final DateTimeFormatter HOUR_KEY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAY_KEY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter MONTH_KEY =
      DateTimeFormatter.ofPattern("yyyy-MM").withZone(ZoneOffset.UTC);

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Period fromWire(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }

  /** The start of the period that contains {@code instant}. */
  public Instant start(Instant instant) {
    ZonedDateTime time = instant.atZone(ZoneOffset.UTC);
    return switch (this) {
      case HOUR -> time.truncatedTo(ChronoUnit.HOURS).toInstant();
      case DAY -> time.truncatedTo(ChronoUnit.DAYS).toInstant();
      case WEEK ->
          time.truncatedTo(ChronoUnit.DAYS)
              .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
              .toInstant();
      case MONTH -> time.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1).toInstant();
    };
  }

  /** The start of the next period, given the start of one. */
  public Instant next(Instant start) {
    ZonedDateTime time = start.atZone(ZoneOffset.UTC);
    return switch (this) {
      case HOUR -> time.plusHours(1).toInstant();
      case DAY -> time.plusDays(1).toInstant();
      case WEEK -> time.plusWeeks(1).toInstant();
      case MONTH -> time.plusMonths(1).toInstant();
    };
  }

  /**
   * The key of the period that contains {@code instant}: 2026-11-29T21, 2026-11-29, 2026-W48,
   * 2026-11.
   */
  public String key(Instant instant) {
    Instant start = start(instant);
    return switch (this) {
      case HOUR -> HOUR_KEY.format(start);
      case DAY -> DAY_KEY.format(start);
      case WEEK -> {
        LocalDate day = LocalDate.ofInstant(start, ZoneOffset.UTC);
        yield String.format(
            "%d-W%02d",
            day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
      }
      case MONTH -> MONTH_KEY.format(start);
    };
  }

  /** The period one size up whose sum this one is part of (hour → day, day → week and month). */
  public Period source() {
    return switch (this) {
      case HOUR -> HOUR;
      case DAY -> HOUR;
      case WEEK, MONTH -> DAY;
    };
  }
}
