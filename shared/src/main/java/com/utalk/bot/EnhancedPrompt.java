package com.utalk.bot;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * What the {@code ai-enhancements} flag adds to the system prompt of a workspace's bot: the current
 * date and time, so "are you open today?" and "when will it arrive?" get an answer tied to the real
 * day, and an instruction to answer in the customer's own language (the configured prompt is
 * usually in Spanish, and the model otherwise tends to follow the prompt's language).
 */
public final class EnhancedPrompt {
  static final String MARKER = "Current date and time (UTC):";

  private EnhancedPrompt() {}

  public static String of(String systemPrompt, Instant now) {
    return systemPrompt
        + "\n\n"
        + MARKER
        + " "
        + now.truncatedTo(ChronoUnit.MINUTES)
        + ". Answer in the language the customer writes in.";
  }
}
