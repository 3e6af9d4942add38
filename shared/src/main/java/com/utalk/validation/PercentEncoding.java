package com.utalk.validation;

import com.utalk.errors.ValidationException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Strict form decoding ({@code application/x-www-form-urlencoded}: {@code +} is a space): a {@code
 * %} must be followed by two hex digits and the decoded bytes must be UTF-8. {@link
 * java.net.URLDecoder} throws on the first and silently replaces the second; here both are a 400.
 * (Paths need none: the framework decodes them, strictly, before our code runs.)
 */
public final class PercentEncoding {
  private PercentEncoding() {}

  public static String decode(String encoded, String what) {
    if (encoded.indexOf('%') < 0 && encoded.indexOf('+') < 0) {
      return encoded;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
    byte[] raw = encoded.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < raw.length; i++) {
      byte b = raw[i];
      if (b == '%') {
        int high = i + 1 < raw.length ? Character.digit(raw[i + 1], 16) : -1;
        int low = i + 2 < raw.length ? Character.digit(raw[i + 2], 16) : -1;
        if (high < 0 || low < 0) {
          throw new ValidationException(null, what + " has a malformed percent-escape");
        }
        bytes.write((high << 4) | low);
        i += 2;
      } else if (b == '+') {
        bytes.write(' ');
      } else {
        bytes.write(b);
      }
    }
    return StrictUtf8.decode(bytes.toByteArray(), what);
  }
}
