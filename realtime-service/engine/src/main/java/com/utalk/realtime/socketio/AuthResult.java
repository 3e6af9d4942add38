package com.utalk.realtime.socketio;

import java.security.Principal;
import java.util.Objects;

/** The decision of an {@link Authenticator}: accept as a principal, or refuse with a message. */
public sealed interface AuthResult {
  String UNAUTHORIZED = "unauthorized";

  static AuthResult accept(Principal principal) {
    return new Accepted(principal);
  }

  /** Refuses with {@code connect_error} message "unauthorized". */
  static AuthResult reject() {
    return new Rejected(UNAUTHORIZED);
  }

  /** Refuses with the given {@code connect_error} message (shown to the client: no details). */
  static AuthResult reject(String message) {
    return new Rejected(message);
  }

  record Accepted(Principal principal) implements AuthResult {
    public Accepted {
      Objects.requireNonNull(principal, "principal");
    }
  }

  record Rejected(String message) implements AuthResult {
    public Rejected {
      message = message == null || message.isBlank() ? UNAUTHORIZED : message;
    }
  }
}
