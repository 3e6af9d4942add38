package com.utalk.auth.users;

import com.utalk.errors.ValidationException;
import com.utalk.validation.DocumentId;
import java.util.Locale;
import java.util.regex.Pattern;

/** Emails are compared and stored trimmed and lower-cased; that form is also the uniqueness key. */
public final class Emails {
  private static final Pattern SHAPE = Pattern.compile("[^@\\s/]{1,64}@[^@\\s/]+\\.[^@\\s/]+");
  private static final int MAX_LENGTH = 254;

  private Emails() {}

  public static String normalize(String email) {
    return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
  }

  /** A well-formed, normalized email, or a 400 naming {@code field}. */
  public static String valid(String email, String field) {
    String normalized = normalize(email);
    // the normalized email is also a document id (userEmails/{email}): it must be a valid one
    if (normalized.length() > MAX_LENGTH
        || !SHAPE.matcher(normalized).matches()
        || !DocumentId.isValid(normalized)) {
      throw new ValidationException(field, field + " must be an email address");
    }
    return normalized;
  }
}
