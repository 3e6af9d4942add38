package com.utalk.bot;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds a customer's request for a human. Matching ignores case and accents and works on whole
 * words, so "¿Puedo hablar con un AGENTE?" matches "agente" but "agentes de cambio" does not match
 * "agent", and "humanidad" does not match "humano".
 */
public final class PhraseMatcher {
  private PhraseMatcher() {}

  /** The first configured phrase the text contains, as configured. */
  public static Optional<String> firstMatch(String text, List<String> phrases) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    String normalized = normalize(text);
    return phrases.stream()
        .filter(phrase -> containsWords(normalized, normalize(phrase)))
        .findFirst();
  }

  /**
   * Whether {@code normalizedText} contains {@code words} delimited by non-letters on both sides.
   */
  static boolean containsWords(String normalizedText, String words) {
    String trimmed = words.trim();
    if (trimmed.isEmpty()) {
      return false;
    }
    String pattern =
        "(?<![\\p{L}\\p{N}])"
            + Pattern.quote(trimmed).replace(" ", "\\E\\s+\\Q")
            + "(?![\\p{L}\\p{N}])";
    return Pattern.compile(pattern).matcher(normalizedText).find();
  }

  static String normalize(String text) {
    String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
    return decomposed.replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
  }
}
