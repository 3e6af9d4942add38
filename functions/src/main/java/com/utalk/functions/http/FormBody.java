package com.utalk.functions.http;

import com.utalk.errors.ValidationException;
import com.utalk.validation.PercentEncoding;
import com.utalk.validation.StrictUtf8;
import com.utalk.validation.Text;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * application/x-www-form-urlencoded, as Twilio posts it, decoded strictly: invalid UTF-8 or a
 * malformed escape is a 400, never a replacement character; so is a repeated field. Every value is
 * capped at {@value #MAX_FIELD_CHARS} characters; fields with a meaning (Body, MediaUrl, SIDs) are
 * checked tighter where they are read.
 */
public final class FormBody {
  public static final int MAX_FIELD_CHARS = 8192;
  public static final int MAX_NAME_CHARS = 64;

  private FormBody() {}

  public static Map<String, String> parse(byte[] body) {
    Map<String, String> fields = new LinkedHashMap<>();
    String text = StrictUtf8.decode(body, "request body");
    if (text.isEmpty()) {
      return fields;
    }
    for (String pair : text.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key =
          PercentEncoding.decode(eq < 0 ? pair : pair.substring(0, eq), "a form field name");
      if (key.length() > MAX_NAME_CHARS) {
        throw new ValidationException(
            null, "a form field name exceeds " + MAX_NAME_CHARS + " characters");
      }
      String value =
          eq < 0 ? "" : PercentEncoding.decode(pair.substring(eq + 1), "form field " + key);
      Text.check(key, value, MAX_FIELD_CHARS);
      if (fields.putIfAbsent(key, value) != null) {
        // Twilio never repeats a field; which copy counts would be a guess
        throw new ValidationException(key, "form field " + key + " appears more than once");
      }
    }
    return fields;
  }
}
