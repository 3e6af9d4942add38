package com.utalk.media;

import com.utalk.config.Settings;
import java.util.Locale;

/**
 * What media we accept, from the operations reference's storage section: images, audio, video and
 * PDF (not {@code application/octet-stream}), at most 100 MB ({@code MEDIA_MAX_BYTES} overrides the
 * cap).
 */
public record MediaPolicy(long maxBytes) {
  public static final long DEFAULT_MAX_BYTES = 100L * 1024 * 1024;

  public static MediaPolicy from(Settings settings) {
    return new MediaPolicy(settings.getLong("MEDIA_MAX_BYTES", DEFAULT_MAX_BYTES));
  }

  /** The media type without parameters, lower case; null when it is not on the allowlist. */
  public static String allowedType(String contentType) {
    if (contentType == null) {
      return null;
    }
    String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    boolean allowed =
        type.equals("application/pdf")
            || (type.matches("(image|audio|video)/[a-z0-9][a-z0-9.+-]*"));
    return allowed ? type : null;
  }

  public String requireAllowedType(String contentType) throws MediaFailure {
    String type = allowedType(contentType);
    if (type == null) {
      throw new MediaFailure(
          MediaFailure.UNSUPPORTED_TYPE, true, "media type is not allowed: " + safe(contentType));
    }
    return type;
  }

  public void requireSize(long bytes) throws MediaFailure {
    if (bytes > maxBytes) {
      throw new MediaFailure(
          MediaFailure.TOO_LARGE, true, "media is larger than " + maxBytes + " bytes");
    }
  }

  private static String safe(String contentType) {
    if (contentType == null) {
      return "(none)";
    }
    return contentType.length() > 100 ? contentType.substring(0, 100) : contentType;
  }
}
