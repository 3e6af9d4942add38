package com.utalk.auth;

import com.utalk.errors.ValidationException;
import java.util.Locale;
import java.util.Optional;

/**
 * Who a user is to the system. The first four are the access levels of the operations policy
 * ("Política de Acceso"); {@code agent} is the person who chats with customers.
 */
public enum Role {
  ADMIN,
  DEVELOPER,
  OPERATOR,
  READONLY,
  AGENT;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a stored or claimed role; unknown values are not roles (callers decide what that means).
   */
  public static Optional<Role> find(String value) {
    if (value == null) {
      return Optional.empty();
    }
    for (Role role : values()) {
      if (role.wire().equals(value)) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }

  /** Parses client input; an unknown role is a 400 naming {@code field}. */
  public static Role parse(String value, String field) {
    return find(value)
        .orElseThrow(
            () ->
                new ValidationException(
                    field, field + " must be one of admin, developer, operator, readonly, agent"));
  }
}
