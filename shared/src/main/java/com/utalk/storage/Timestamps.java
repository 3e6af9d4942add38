package com.utalk.storage;

import com.google.cloud.Timestamp;
import java.time.Instant;

/** Instants are stored as Firestore timestamps so that they sort and range-query natively. */
public final class Timestamps {
  private Timestamps() {}

  public static Timestamp of(Instant instant) {
    return instant == null
        ? null
        : Timestamp.ofTimeSecondsAndNanos(instant.getEpochSecond(), instant.getNano());
  }

  public static Instant toInstant(Object stored) {
    if (stored == null) {
      return null;
    }
    if (stored instanceof Timestamp timestamp) {
      return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }
    if (stored instanceof String text) {
      return Instant.parse(text);
    }
    throw new IllegalArgumentException("not a timestamp: " + stored.getClass());
  }
}
