package com.utalk.messaging;

import java.util.regex.Pattern;

/** An E.164 phone number; Twilio's {@code whatsapp:} channel prefix is accepted and dropped. */
public record PhoneNumber(String e164) {
  private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{6,14}");
  private static final String WHATSAPP_PREFIX = "whatsapp:";

  public PhoneNumber {
    if (e164 == null || !E164.matcher(e164).matches()) {
      throw new IllegalArgumentException("not an E.164 phone number");
    }
  }

  public static PhoneNumber parse(String raw) {
    if (raw == null) {
      throw new IllegalArgumentException("phone number is missing");
    }
    String value = raw.trim();
    if (value.startsWith(WHATSAPP_PREFIX)) {
      value = value.substring(WHATSAPP_PREFIX.length());
    }
    return new PhoneNumber(value);
  }

  /** The address Twilio expects for WhatsApp. */
  public String whatsappAddress() {
    return WHATSAPP_PREFIX + e164;
  }

  /** Digits only: safe as part of a Firestore document id. */
  public String digits() {
    return e164.substring(1);
  }

  @Override
  public String toString() {
    return "***" + e164.substring(e164.length() - 4);
  }
}
