package com.utalk.emulators.twilio;

import java.util.UUID;

/** Twilio resource identifiers: a two-letter type prefix and 32 lowercase hex digits. */
public final class Sids {
  private Sids() {}

  public static String message() {
    return "SM" + UUID.randomUUID().toString().replace("-", "");
  }

  /** An IncomingPhoneNumber. */
  public static String phoneNumber() {
    return "PN" + UUID.randomUUID().toString().replace("-", "");
  }
}
