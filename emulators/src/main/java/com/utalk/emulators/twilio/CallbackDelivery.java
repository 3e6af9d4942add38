package com.utalk.emulators.twilio;

import java.time.Instant;
import java.util.Map;

/**
 * One status callback the stand-in POSTed: what it sent (URL, form, signature) and what came back.
 * {@code httpStatus} is -1 when the receiver could not be reached ({@code error} says why).
 */
public record CallbackDelivery(
    String url,
    Map<String, String> params,
    String signature,
    int httpStatus,
    String responseBody,
    String error,
    Instant at) {
  public CallbackDelivery {
    // Kept in the order Twilio sends the fields, which makes captured callbacks easier to read.
    params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
  }

  public boolean succeeded() {
    return httpStatus >= 200 && httpStatus < 300;
  }

  public String messageSid() {
    return params.get("MessageSid");
  }

  public String messageStatus() {
    return params.get("MessageStatus");
  }
}
