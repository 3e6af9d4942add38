package com.utalk.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The total order behind "status callbacks in any order give the same final message". */
class MessageStatusTest {
  /** The documented order (README, docs/api.md), lowest first. */
  private static final List<MessageStatus> ORDER =
      List.of(
          MessageStatus.RECEIVED,
          MessageStatus.QUEUED,
          MessageStatus.SENDING,
          MessageStatus.SENT,
          MessageStatus.UNDELIVERED,
          MessageStatus.FAILED,
          MessageStatus.DELIVERED,
          MessageStatus.READ);

  @Test
  void theHigherStatusWinsWhicheverArrivesFirst() {
    for (int low = 0; low < ORDER.size(); low++) {
      for (int high = low; high < ORDER.size(); high++) {
        MessageStatus a = ORDER.get(low);
        MessageStatus b = ORDER.get(high);
        assertEquals(b, a.advance(b), a + " then " + b);
        assertEquals(b, b.advance(a), b + " then " + a);
      }
    }
  }

  @Test
  void deliveryOutranksFailureAndFailedOutranksUndelivered() {
    assertEquals(MessageStatus.DELIVERED, MessageStatus.FAILED.advance(MessageStatus.DELIVERED));
    assertEquals(MessageStatus.READ, MessageStatus.READ.advance(MessageStatus.FAILED));
    assertEquals(MessageStatus.FAILED, MessageStatus.UNDELIVERED.advance(MessageStatus.FAILED));
    assertEquals(MessageStatus.FAILED, MessageStatus.FAILED.advance(MessageStatus.UNDELIVERED));
    assertEquals(
        MessageStatus.SENT,
        MessageStatus.SENT.advance(MessageStatus.QUEUED),
        "a late queued does not go back");
  }

  @Test
  void onlyFailedAndUndeliveredAreFailures() {
    for (MessageStatus status : MessageStatus.values()) {
      boolean expected = status == MessageStatus.FAILED || status == MessageStatus.UNDELIVERED;
      assertEquals(expected, status.isFailure(), status.name());
    }
  }

  @Test
  void wireNamesAreLowerCaseAndRoundTrip() {
    for (MessageStatus status : MessageStatus.values()) {
      assertEquals(status.name().toLowerCase(java.util.Locale.ROOT), status.wire());
      assertEquals(status, MessageStatus.fromWire(status.wire()));
    }
    assertEquals(MessageStatus.DELIVERED, MessageStatus.fromWire("Delivered"));
    assertThrows(IllegalArgumentException.class, () -> MessageStatus.fromWire("lost"));
  }

  @Test
  void twilioVocabularyMapsOntoOurs() {
    assertEquals(Optional.of(MessageStatus.QUEUED), MessageStatus.fromTwilio("accepted"));
    assertEquals(Optional.of(MessageStatus.QUEUED), MessageStatus.fromTwilio("scheduled"));
    assertEquals(Optional.of(MessageStatus.QUEUED), MessageStatus.fromTwilio("queued"));
    assertEquals(Optional.of(MessageStatus.SENDING), MessageStatus.fromTwilio("sending"));
    assertEquals(Optional.of(MessageStatus.SENT), MessageStatus.fromTwilio("SENT"));
    assertEquals(Optional.of(MessageStatus.DELIVERED), MessageStatus.fromTwilio("delivered"));
    assertEquals(Optional.of(MessageStatus.READ), MessageStatus.fromTwilio("read"));
    assertEquals(Optional.of(MessageStatus.UNDELIVERED), MessageStatus.fromTwilio("undelivered"));
    assertEquals(Optional.of(MessageStatus.FAILED), MessageStatus.fromTwilio("failed"));
    assertEquals(Optional.of(MessageStatus.FAILED), MessageStatus.fromTwilio("canceled"));
    assertEquals(Optional.of(MessageStatus.RECEIVED), MessageStatus.fromTwilio("received"));
    assertEquals(Optional.of(MessageStatus.RECEIVED), MessageStatus.fromTwilio("receiving"));
  }

  @Test
  void twilioStatusesWeDoNotTrackAreIgnored() {
    assertTrue(MessageStatus.fromTwilio(null).isEmpty());
    assertTrue(MessageStatus.fromTwilio("partially_delivered").isEmpty());
    assertFalse(MessageStatus.fromTwilio("").isPresent());
  }
}
