package com.utalk.kpi.ratings;

import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises a survey answer: a lone number in the scale ("5", "5/5", "5 estrellas", "10!"), or for
 * CSAT a row of stars ("⭐⭐⭐⭐"). Anything else is an ordinary message (a customer writing "hola,
 * otra consulta" after the close starts a new conversation, as before).
 */
public final class RatingReplyParser {
  private static final Pattern NUMBER =
      Pattern.compile(
          "^(\\d{1,2})(?:\\s*(?:/|de)\\s*(?:5|10))?(?:\\s*(?:estrellas?|puntos?|stars?))?$");

  private RatingReplyParser() {}

  public static OptionalInt parse(String body, RatingKind kind) {
    if (body == null) {
      return OptionalInt.empty();
    }
    String text =
        body.strip()
            .toLowerCase(Locale.ROOT)
            .replaceAll("[.!¡?¿,;:\\s]+$", "")
            .replaceAll("^[¡¿\\s]+", "");
    if (kind == RatingKind.CSAT
        && !text.isEmpty()
        && text.codePoints().allMatch(c -> c == 0x2B50 || c == 0x2605 || c == 0xFE0F)) {
      long stars = text.codePoints().filter(c -> c == 0x2B50 || c == 0x2605).count();
      return stars >= 1 && stars <= 5 ? OptionalInt.of((int) stars) : OptionalInt.empty();
    }
    Matcher matcher = NUMBER.matcher(text);
    if (!matcher.matches()) {
      return OptionalInt.empty();
    }
    int score = Integer.parseInt(matcher.group(1));
    return score >= kind.min() && score <= kind.max() ? OptionalInt.of(score) : OptionalInt.empty();
  }
}
