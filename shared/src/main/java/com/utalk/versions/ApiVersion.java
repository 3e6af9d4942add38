package com.utalk.versions;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * One version of the agents' API (REST and socket), as clients name it ({@code v1.2}).
 *
 * @param deprecated from this day (UTC) responses carry Deprecation/Sunset/Link; null while current
 * @param sunset from this day (UTC) the version is refused (410, socket connect_error); null while
 *     current
 * @param migrationGuide how to move off this version; null while current
 * @param requiresMessageId whether a send must carry the client's messageId (from v1.2;
 *     docs/api.md)
 */
public record ApiVersion(
    String name,
    LocalDate deprecated,
    LocalDate sunset,
    URI migrationGuide,
    boolean requiresMessageId) {
  public enum Phase {
    SUPPORTED,
    DEPRECATED,
    SUNSET
  }

  public Phase phaseAt(Instant now) {
    if (sunset != null && !now.isBefore(start(sunset))) {
      return Phase.SUNSET;
    }
    if (deprecated != null && !now.isBefore(start(deprecated))) {
      return Phase.DEPRECATED;
    }
    return Phase.SUPPORTED;
  }

  public Instant deprecatedAt() {
    return deprecated == null ? null : start(deprecated);
  }

  public Instant sunsetAt() {
    return sunset == null ? null : start(sunset);
  }

  private static Instant start(LocalDate day) {
    return day.atStartOfDay(ZoneOffset.UTC).toInstant();
  }
}
