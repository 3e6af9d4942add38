package com.utalk.validation;

import com.utalk.errors.ValidationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The one definition of a URL we accept from outside (Twilio's MediaUrl): absolute http(s) with a
 * host, at most {@value #MAX_CHARS} characters. Checked when it arrives, not when it is fetched.
 */
public final class WebUrl {
  public static final int MAX_CHARS = 2048;

  private WebUrl() {}

  public static String require(String field, String url) {
    if (url == null || url.isBlank()) {
      throw new ValidationException(field, field + " is required");
    }
    if (url.length() > MAX_CHARS) {
      throw new ValidationException(field, field + " exceeds " + MAX_CHARS + " characters");
    }
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("https") || scheme.equals("http"))
          || uri.getHost() == null
          || uri.getHost().isEmpty()) {
        throw new ValidationException(field, field + " must be an absolute http(s) URL");
      }
    } catch (URISyntaxException e) {
      throw new ValidationException(field, field + " is not a URL");
    }
    return url;
  }
}
