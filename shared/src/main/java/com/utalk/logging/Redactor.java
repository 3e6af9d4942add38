package com.utalk.logging;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps secrets and personal data out of logs: secret-named fields are dropped, message bodies are
 * reduced to their length, and anything that looks like a phone number keeps only its last four
 * digits.
 */
public final class Redactor {
  private static final Set<String> SECRET_WORDS =
      Set.of("password", "token", "secret", "authorization", "apikey", "api_key", "cookie");
  private static final Set<String> BODY_FIELDS = Set.of("body", "text", "content", "prompt");
  private static final Set<String> PHONE_FIELDS =
      Set.of("phone", "from", "to", "waid", "contact", "msisdn");

  /** E.164 numbers in free text always carry their plus sign; IDs and counters do not. */
  private static final Pattern PHONE = Pattern.compile("(?<![\\w+])\\+\\d{7,15}(?!\\w)");

  private Redactor() {}

  public static boolean isSecretField(String key) {
    String lower = key.toLowerCase(Locale.ROOT);
    return SECRET_WORDS.stream().anyMatch(lower::contains);
  }

  public static Map<String, Object> redactFields(Map<String, ?> fields) {
    Map<String, Object> safe = new LinkedHashMap<>();
    fields.forEach(
        (key, value) -> {
          if (isSecretField(key)) {
            return;
          }
          if (BODY_FIELDS.contains(key.toLowerCase(Locale.ROOT))) {
            safe.put(key, value == null ? null : "[" + value.toString().length() + " chars]");
            return;
          }
          if (value != null && PHONE_FIELDS.contains(key.toLowerCase(Locale.ROOT))) {
            safe.put(key, maskWhole(value.toString()));
            return;
          }
          safe.put(key, redactValue(value));
        });
    return safe;
  }

  @SuppressWarnings("unchecked")
  private static Object redactValue(Object value) {
    if (value instanceof CharSequence text) {
      return maskPhones(text.toString());
    }
    if (value instanceof Map<?, ?> map) {
      return redactFields((Map<String, ?>) map);
    }
    return value;
  }

  private static String maskWhole(String value) {
    String digits = value.replaceAll("\\D", "");
    return digits.length() <= 4 ? "***" : "***" + digits.substring(digits.length() - 4);
  }

  /** Replaces each phone-like run of digits with asterisks and its last four digits. */
  public static String maskPhones(String text) {
    if (text == null) {
      return null;
    }
    Matcher matcher = PHONE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      matcher.appendReplacement(out, Matcher.quoteReplacement(maskWhole(matcher.group())));
    }
    matcher.appendTail(out);
    return out.toString();
  }
}
