package com.utalk.ops.cli;

/** The command line is wrong: exit 2 with the message and the usage. */
public final class UsageException extends RuntimeException {
  public UsageException(String message) {
    super(message);
  }
}
