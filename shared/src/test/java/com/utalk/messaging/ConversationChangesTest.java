package com.utalk.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.utalk.storage.Timestamps;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A conversation changes one way (its builder); the Firestore update is derived from the change.
 */
class ConversationChangesTest {
  private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");
  private static final Instant T1 = Instant.parse("2026-12-04T10:05:00Z");

  private static Conversation waitingForReply() {
    return Conversation.builder()
        .id("c1")
        .workspaceId("w1")
        .contact(new Conversation.Contact("+5215512345678", "Ana"))
        .businessNumber("+14155238886")
        .status(ConversationStatus.OPEN)
        .botEnabled(true)
        .createdAt(T0)
        .firstInboundAt(T0)
        .lastMessageAt(T0)
        .lastInboundAt(T0)
        .awaitingReplySince(T0)
        .messageCount(1)
        .seq(1)
        .build();
  }

  @Test
  void theUpdateHoldsExactlyTheChangedFieldsAndClearsWithNull() {
    Conversation before = waitingForReply();
    Conversation after =
        before.toBuilder()
            .status(ConversationStatus.CLOSED)
            .closedAt(T1)
            .resolvedInFirstContact(true)
            .awaitingReplySince(null)
            .nextSeq()
            .build();

    Map<String, Object> expected = new HashMap<>();
    expected.put("status", "closed");
    expected.put("closedAt", Timestamps.of(T1));
    expected.put("resolvedInFirstContact", true);
    expected.put("awaitingReplySince", null);
    expected.put("seq", 2L);
    assertEquals(expected, ConversationDocument.changes(before, after));
  }

  @Test
  void anUnchangedConversationNeedsNoUpdate() {
    Conversation before = waitingForReply();
    assertTrue(ConversationDocument.changes(before, before.toBuilder().build()).isEmpty());
    assertEquals(before, before.toBuilder().build());
  }

  @Test
  void theFirstAgentReplyIsStampedOnceAndStopsTheReplyClock() {
    Conversation replied = waitingForReply().afterOutbound(T1, true, false);
    assertEquals(T1, replied.firstAgentReplyAt());
    assertNull(replied.awaitingReplySince());
    assertEquals(2, replied.messageCount());
    assertEquals(2, replied.seq());

    Conversation again = replied.afterOutbound(T1.plusSeconds(60), true, false);
    assertEquals(T1, again.firstAgentReplyAt(), "the first reply time never moves");
    assertEquals(T1.plusSeconds(60), again.lastMessageAt());
  }

  @Test
  void aBotReplyStopsTheReplyClockButIsNoAgentReply() {
    Conversation replied = waitingForReply().afterOutbound(T1, false, true);
    assertNull(replied.firstAgentReplyAt());
    assertNull(replied.awaitingReplySince());
  }

  @Test
  void aSystemMessageLeavesTheCustomerWaiting() {
    Conversation sent = waitingForReply().afterOutbound(T1, false, false);
    assertEquals(T0, sent.awaitingReplySince());
    assertEquals(T1, sent.lastMessageAt());
  }
}
