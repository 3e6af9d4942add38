package com.utalk.validation;

import com.utalk.errors.ValidationException;
import java.util.regex.Pattern;

/** The one definition of each kind of Twilio SID we accept: a known prefix and 32 hex digits. */
public enum TwilioSid {
  /** SM (SMS/WhatsApp), MM (MMS), IM (some WhatsApp inbound). */
  MESSAGE("(SM|MM|IM)[0-9a-fA-F]{32}", "a Twilio message SID"),
  ACCOUNT("AC[0-9a-fA-F]{32}", "a Twilio account SID"),
  MEDIA("ME[0-9a-fA-F]{32}", "a Twilio media SID");

  private final Pattern pattern;
  private final String description;

  TwilioSid(String regex, String description) {
    this.pattern = Pattern.compile(regex);
    this.description = description;
  }

  public boolean matches(String value) {
    return value != null && pattern.matcher(value).matches();
  }

  /** {@code value} when it is this kind of SID; a 400 naming {@code field} otherwise. */
  public String require(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new ValidationException(field, field + " is required");
    }
    if (!matches(value)) {
      throw new ValidationException(field, field + " is not " + description);
    }
    return value;
  }
}
