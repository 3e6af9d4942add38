package com.utalk.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class PeriodTest {
  @Test
  void keysAndBoundsAreUtcAndIsoWeeks() {
    Instant t = Instant.parse("2026-01-01T05:30:00Z"); // a Thursday, ISO week 1 of 2026
    assertEquals("2026-01-01T05", Period.HOUR.key(t));
    assertEquals("2026-01-01", Period.DAY.key(t));
    assertEquals("2026-W01", Period.WEEK.key(t));
    assertEquals("2026-01", Period.MONTH.key(t));
    assertEquals(Instant.parse("2025-12-29T00:00:00Z"), Period.WEEK.start(t));
    assertEquals(Instant.parse("2026-01-05T00:00:00Z"), Period.WEEK.next(Period.WEEK.start(t)));
    assertEquals(Instant.parse("2026-02-01T00:00:00Z"), Period.MONTH.next(Period.MONTH.start(t)));
    assertEquals("2025-W52", Period.WEEK.key(Instant.parse("2025-12-28T23:59:59Z")));
  }
}
