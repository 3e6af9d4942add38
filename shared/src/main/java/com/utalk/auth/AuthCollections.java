package com.utalk.auth;

/**
 * Firestore collections owned by auth and audit. They belong in {@code storage.Collections}; kept
 * here until that file's owner moves them.
 */
public final class AuthCollections {
  /**
   * {@code userEmails/{lowercased email}} → {uid}: makes email unique (created in the user's
   * transaction).
   */
  public static final String USER_EMAILS = "userEmails";

  /** Failed-login counters, one document per hashed email and per hashed IP, with an expiry. */
  public static final String LOGIN_ATTEMPTS = "loginAttempts";

  /** Rotated JWT signing secrets for the local stack only (the cloud uses Secret Manager). */
  public static final String SIGNING_KEYS = "signingKeys";

  /** Admin actions: who, what, when, requestId, before/after; kept two years. */
  public static final String AUDIT_LOGS = "auditLogs";

  private AuthCollections() {}
}
