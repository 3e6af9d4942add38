package com.utalk.functions.http;

import com.utalk.errors.UnsupportedMediaTypeException;
import java.util.Locale;
import java.util.Optional;

/**
 * Compares a Content-Type header by its media type (type/subtype, case-insensitive, parameters
 * ignored): {@code application/json; charset=utf-8} is JSON, {@code application/jsonx} is not. A
 * charset other than UTF-8 is refused, since bodies are decoded as UTF-8 only.
 */
public final class ContentType {
  private ContentType() {}

  /** The header's media type, lower-cased, without parameters. */
  static String mediaType(String header) {
    int semicolon = header.indexOf(';');
    return (semicolon < 0 ? header : header.substring(0, semicolon))
        .trim()
        .toLowerCase(Locale.ROOT);
  }

  static Optional<String> charset(String header) {
    for (String parameter : header.split(";")) {
      int eq = parameter.indexOf('=');
      if (eq > 0 && parameter.substring(0, eq).trim().equalsIgnoreCase("charset")) {
        return Optional.of(
            parameter.substring(eq + 1).trim().replace("\"", "").toLowerCase(Locale.ROOT));
      }
    }
    return Optional.empty();
  }

  public static boolean is(String header, String expected) {
    return header != null && mediaType(header).equals(expected);
  }

  /** Refuses with 415 unless {@code header} is {@code expected} (in UTF-8, or with no charset). */
  public static void require(String header, String expected) {
    if (!is(header, expected)) {
      throw new UnsupportedMediaTypeException("expected Content-Type: " + expected);
    }
    String charset = charset(header).orElse("utf-8");
    if (!charset.equals("utf-8") && !charset.equals("utf8")) {
      throw new UnsupportedMediaTypeException("expected Content-Type: " + expected + " in UTF-8");
    }
  }
}
