package com.utalk.backup;

/**
 * A backup that is missing, truncated, corrupted or differs from its manifest: nothing may be
 * restored from it.
 */
public final class BackupIntegrityException extends RuntimeException {
  public BackupIntegrityException(String message) {
    super(message);
  }

  public BackupIntegrityException(String message, Throwable cause) {
    super(message, cause);
  }
}
