package com.utalk.messaging;

import com.utalk.config.Settings;
import java.time.Duration;

/** How hard the sender tries on transient provider errors before marking a message failed. */
public record SendPolicy(int maxAttempts, Duration firstBackoff) {
  public static SendPolicy from(Settings settings) {
    return new SendPolicy(
        settings.getInt("TWILIO_SEND_MAX_ATTEMPTS", 4),
        Duration.ofMillis(settings.getLong("TWILIO_SEND_BACKOFF_MS", 250)));
  }

  public Duration backoffBefore(int attempt) {
    return firstBackoff.multipliedBy(1L << Math.max(0, attempt - 2));
  }
}
