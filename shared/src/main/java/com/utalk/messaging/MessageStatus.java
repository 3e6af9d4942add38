package com.utalk.messaging;

import java.util.Locale;
import java.util.Optional;

/**
 * Message status with a total order, so that callbacks arriving in any order converge on the same
 * final status: the highest-ranked status ever reported wins. Evidence of delivery outranks a
 * failure report (a message that was delivered or read was not lost), and {@code failed} outranks
 * {@code undelivered} so that the two never flip-flop.
 */
public enum MessageStatus {
  RECEIVED(0),
  QUEUED(1),
  SENDING(2),
  SENT(3),
  UNDELIVERED(4),
  FAILED(5),
  DELIVERED(6),
  READ(7);

  private final int rank;

  MessageStatus(int rank) {
    this.rank = rank;
  }

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean isFailure() {
    return this == FAILED || this == UNDELIVERED;
  }

  /** The status after {@code incoming} is reported to a message currently in this status. */
  public MessageStatus advance(MessageStatus incoming) {
    return incoming.rank > rank ? incoming : this;
  }

  public static MessageStatus fromWire(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }

  /** Twilio's MessageStatus vocabulary mapped to ours; empty for statuses we do not track. */
  public static Optional<MessageStatus> fromTwilio(String twilioStatus) {
    if (twilioStatus == null) {
      return Optional.empty();
    }
    return switch (twilioStatus.toLowerCase(Locale.ROOT)) {
      case "accepted", "scheduled", "queued" -> Optional.of(QUEUED);
      case "sending" -> Optional.of(SENDING);
      case "sent" -> Optional.of(SENT);
      case "delivered" -> Optional.of(DELIVERED);
      case "read" -> Optional.of(READ);
      case "undelivered" -> Optional.of(UNDELIVERED);
      case "failed", "canceled" -> Optional.of(FAILED);
      case "received", "receiving" -> Optional.of(RECEIVED);
      default -> Optional.empty();
    };
  }
}
