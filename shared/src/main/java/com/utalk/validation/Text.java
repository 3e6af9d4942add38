package com.utalk.validation;

import com.utalk.errors.ValidationException;

/**
 * Well-formed Unicode text with a length cap. A lone surrogate (JSON {@code "\ud800"}) cannot be
 * stored faithfully: Firestore would keep {@code ?} in its place, so it is refused, never
 * rewritten.
 */
public final class Text {
  private Text() {}

  /** True when every surrogate is half of a pair. */
  public static boolean isWellFormed(CharSequence text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code text} (null passes) when well-formed and at most {@code maxChars} UTF-16 units; else a
   * 400.
   */
  public static String check(String field, String text, int maxChars) {
    if (text == null) {
      return null;
    }
    if (text.length() > maxChars) {
      throw new ValidationException(
          field, (field == null ? "a text value" : field) + " exceeds " + maxChars + " characters");
    }
    if (!isWellFormed(text)) {
      throw new ValidationException(
          field,
          (field == null ? "a text value" : field)
              + " is not well-formed Unicode (unpaired surrogate)");
    }
    return text;
  }
}
