package com.utalk.versions;

import com.utalk.errors.GoneException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a request of a given version gets at this moment: nothing special while supported; the
 * deprecation headers while deprecated — {@code Deprecation: @<unix seconds>} (RFC 9745), {@code
 * Sunset: <HTTP-date>} (RFC 8594, never before the deprecation) and {@code Link: <guide>;
 * rel="deprecation"}; after the sunset a 410 {@code api_version_sunset} naming the guide (which is
 * also in the Link header of that answer).
 */
public final class VersionPolicy {
  /** RFC 9110's IMF-fixdate (two-digit day; RFC_1123_DATE_TIME would write "1 Jul"). */
  static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);

  private final Clock clock;

  public VersionPolicy(Clock clock) {
    this.clock = clock;
  }

  /** The headers to send with an answer to {@code version} (empty while it is supported). */
  public Map<String, String> headers(ApiVersion version) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (version.phaseAt(clock.instant()) != ApiVersion.Phase.SUPPORTED) {
      headers.put("Deprecation", "@" + version.deprecatedAt().getEpochSecond());
      headers.put("Sunset", HTTP_DATE.format(version.sunsetAt().atOffset(ZoneOffset.UTC)));
      headers.put("Link", "<" + version.migrationGuide() + ">; rel=\"deprecation\"");
    }
    return headers;
  }

  /** Throws 410 once {@code version} is past its sunset. */
  public void refuseIfSunset(ApiVersion version) {
    if (version.phaseAt(clock.instant()) == ApiVersion.Phase.SUNSET) {
      throw sunset(version);
    }
  }

  public static GoneException sunset(ApiVersion version) {
    return new GoneException(
        "api_version_sunset",
        "API "
            + version.name()
            + " was retired on "
            + version.sunset()
            + "; migrate to "
            + ApiVersions.CURRENT.name()
            + ": "
            + version.migrationGuide());
  }
}
