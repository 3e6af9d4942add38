package com.utalk.media;

import com.utalk.config.Settings;
import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where we may send our Twilio credentials: Twilio's media hosts over https ({@code
 * api.twilio.com}, {@code media.twiliocdn.com}, any {@code *.twilio.com}), plus the exact origins
 * in {@code MEDIA_EXTRA_ALLOWED_ORIGINS} (the local Twilio stand-in, e.g. {@code
 * http://127.0.0.1:8790}; never set in production). A webhook's MediaUrl is only as trustworthy as
 * its signature, and a forged one must never receive our Basic auth.
 */
public final class MediaSources {
  private static final Set<String> TWILIO_HOSTS = Set.of("api.twilio.com", "media.twiliocdn.com");

  private final Set<String> extraOrigins;

  public MediaSources(Set<String> extraOrigins) {
    this.extraOrigins =
        extraOrigins.stream().map(MediaSources::normalizeOrigin).collect(Collectors.toSet());
  }

  public static MediaSources from(Settings settings) {
    return new MediaSources(
        settings
            .find("MEDIA_EXTRA_ALLOWED_ORIGINS")
            .map(
                value ->
                    Arrays.stream(value.split(","))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .collect(Collectors.toSet()))
            .orElse(Set.of()));
  }

  /** Whether {@code url} may receive our Twilio credentials. */
  public boolean trusted(URI url) {
    if (url == null || url.getHost() == null || url.getUserInfo() != null) {
      return false;
    }
    String host = url.getHost().toLowerCase(Locale.ROOT);
    boolean https = "https".equalsIgnoreCase(url.getScheme());
    boolean defaultPort = url.getPort() == -1 || url.getPort() == 443;
    if (https && defaultPort && (TWILIO_HOSTS.contains(host) || host.endsWith(".twilio.com"))) {
      return true;
    }
    return extraOrigins.contains(originOf(url));
  }

  static String originOf(URI url) {
    int port =
        url.getPort() != -1
            ? url.getPort()
            : ("https".equalsIgnoreCase(url.getScheme()) ? 443 : 80);
    return url.getScheme().toLowerCase(Locale.ROOT)
        + "://"
        + url.getHost().toLowerCase(Locale.ROOT)
        + ":"
        + port;
  }

  private static String normalizeOrigin(String origin) {
    return originOf(
        URI.create(origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin));
  }
}
