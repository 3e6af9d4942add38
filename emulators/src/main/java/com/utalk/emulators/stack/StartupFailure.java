package com.utalk.emulators.stack;

/** The stack could not start; the message names the part that failed and what to look at. */
final class StartupFailure extends RuntimeException {
  StartupFailure(String message) {
    super(message);
  }
}
