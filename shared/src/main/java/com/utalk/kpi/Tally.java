package com.utalk.kpi;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** A value of every {@link KpiCounter}; immutable, added and subtracted component-wise. */
public final class Tally {
  private static final KpiCounter[] COUNTERS = KpiCounter.values();
  public static final Tally ZERO = new Tally(new long[COUNTERS.length]);

  private final long[] values;

  private Tally(long[] values) {
    this.values = values;
  }

  public static Tally of(KpiCounter counter, long value) {
    return ZERO.plus(counter, value);
  }

  public long get(KpiCounter counter) {
    return values[counter.ordinal()];
  }

  public Tally plus(KpiCounter counter, long value) {
    if (value == 0) {
      return this;
    }
    long[] copy = values.clone();
    copy[counter.ordinal()] += value;
    return new Tally(copy);
  }

  public Tally plus(Tally other) {
    long[] copy = values.clone();
    for (int i = 0; i < copy.length; i++) {
      copy[i] += other.values[i];
    }
    return new Tally(copy);
  }

  public Tally minus(Tally other) {
    long[] copy = values.clone();
    for (int i = 0; i < copy.length; i++) {
      copy[i] -= other.values[i];
    }
    return new Tally(copy);
  }

  public boolean isZero() {
    for (long value : values) {
      if (value != 0) {
        return false;
      }
    }
    return true;
  }

  /** Stored form: field name → value, every counter present (rollup documents show zeros too). */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    for (KpiCounter counter : COUNTERS) {
      map.put(counter.field(), values[counter.ordinal()]);
    }
    return map;
  }

  /** Non-zero counters only: what a delta writes. */
  public Map<KpiCounter, Long> nonZero() {
    Map<KpiCounter, Long> map = new LinkedHashMap<>();
    for (KpiCounter counter : COUNTERS) {
      if (values[counter.ordinal()] != 0) {
        map.put(counter, values[counter.ordinal()]);
      }
    }
    return map;
  }

  /** Reads counters from a stored document; absent fields are zero. */
  public static Tally fromMap(Map<String, Object> stored) {
    long[] values = new long[COUNTERS.length];
    if (stored != null) {
      for (KpiCounter counter : COUNTERS) {
        Object value = stored.get(counter.field());
        if (value instanceof Number number) {
          values[counter.ordinal()] = number.longValue();
        }
      }
    }
    return new Tally(values);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Tally tally && Arrays.equals(values, tally.values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return nonZero().toString();
  }
}
