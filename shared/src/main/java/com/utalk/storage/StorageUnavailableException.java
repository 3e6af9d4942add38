package com.utalk.storage;

/** Firestore could not be reached or did not answer in time; the caller should ask for a retry (503). */
public final class StorageUnavailableException extends RuntimeException {
  public StorageUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
