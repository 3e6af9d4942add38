package com.utalk.validation;

import com.utalk.errors.ValidationException;
import java.time.DateTimeException;
import java.time.Instant;

/**
 * An instant from outside: ISO-8601, and storable (Firestore timestamps run from year 1 to 9999).
 */
public final class Instants {
  public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
  public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

  private Instants() {}

  public static boolean storable(Instant instant) {
    return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
  }

  /** {@code text} as an instant (null passes), or a 400 naming {@code field}. */
  public static Instant parse(String field, String text) {
    if (text == null) {
      return null;
    }
    Instant instant;
    try {
      instant = Instant.parse(text);
    } catch (DateTimeException e) {
      throw new ValidationException(
          field, field + " must be an ISO-8601 instant (2026-03-01T10:00:00Z)");
    }
    if (!storable(instant)) {
      throw new ValidationException(field, field + " must be between years 1 and 9999");
    }
    return instant;
  }
}
