package com.utalk.messaging;

import java.util.Locale;

/** Lifecycle of a conversation; {@code escalated} means a human owns it and the bot is paused. */
public enum ConversationStatus {
  OPEN,
  PENDING,
  ESCALATED,
  CLOSED;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ConversationStatus fromWire(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
