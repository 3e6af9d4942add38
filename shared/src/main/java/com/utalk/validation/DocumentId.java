package com.utalk.validation;

import com.utalk.errors.NotFoundException;
import com.utalk.errors.ValidationException;
import java.util.regex.Pattern;

/**
 * The one definition of an id a client may hand us for a Firestore document (conversation, user,
 * media, message, audit entry): 1 to {@value #MAX_CHARS} characters of well-formed text, no {@code
 * /}, no control characters, not {@code .} or {@code ..}, not reserved ({@code __x__}). Firestore
 * would refuse the others (or read {@code a/b} as a sub-path), so they are refused at the edge
 * instead of travelling to the store.
 */
public final class DocumentId {
  /** Far below Firestore's 1,500 bytes, far above our UUIDs and Twilio-derived ids. */
  public static final int MAX_CHARS = 200;

  private static final Pattern RESERVED = Pattern.compile("__.*__", Pattern.DOTALL);

  private DocumentId() {}

  public static boolean isValid(String id) {
    if (id == null || id.isEmpty() || id.length() > MAX_CHARS || !Text.isWellFormed(id)) {
      return false;
    }
    if (id.equals(".") || id.equals("..") || RESERVED.matcher(id).matches()) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c == '/' || Character.isISOControl(c)) {
        return false;
      }
    }
    return true;
  }

  /** A valid id in a request body or query, or a 400 naming {@code field}. */
  public static String require(String field, String id) {
    if (id == null || id.isEmpty()) {
      throw new ValidationException(field, field + " is required");
    }
    if (!isValid(id)) {
      throw new ValidationException(field, field + " is not a valid id");
    }
    return id;
  }

  /** A valid id naming a resource (a path segment); an id that cannot exist is simply not found. */
  public static String existing(String id) {
    if (!isValid(id)) {
      throw new NotFoundException("no such resource");
    }
    return id;
  }
}
