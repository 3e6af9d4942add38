package com.utalk.kpi.ratings;

import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.Transaction;
import com.utalk.events.ConversationEvent;
import com.utalk.events.EventOutbox;
import com.utalk.messaging.Conversation;
import com.utalk.messaging.ConversationDocument;
import com.utalk.messaging.InboundMessage;
import com.utalk.messaging.IngestResult;
import com.utalk.messaging.Message;
import com.utalk.messaging.MessageDocument;
import com.utalk.messaging.MessageView;
import com.utalk.storage.Collections;
import com.utalk.storage.Timestamps;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Inside the inbound-ingest transaction: when the contact's closed conversation awaits a survey
 * answer and the message is one, the message is stored in that closed conversation (it stays
 * closed, no new conversation is opened), the rating is written to {@code ratings}, and the survey
 * moves on. Called after the transaction's reads, it only writes.
 */
public final class RatingReplies {
  private final Firestore firestore;
  private final EventOutbox outbox;

  public RatingReplies(Firestore firestore, EventOutbox outbox) {
    this.firestore = firestore;
    this.outbox = outbox;
  }

  /** The stored reply, or null when {@code inbound} is not a survey answer. */
  public Captured capture(
      Transaction tx,
      DocumentSnapshot thread,
      Conversation current,
      InboundMessage inbound,
      Instant now,
      String requestId) {
    if (current == null || !current.isClosed() || !thread.exists()) {
      return null;
    }
    SurveyState survey = SurveyState.from(thread.get(SurveyState.FIELD));
    if (survey == null || !survey.awaits(current.id(), now)) {
      return null;
    }
    RatingKind kind = survey.pending();
    OptionalInt score = RatingReplyParser.parse(inbound.body(), kind);
    if (score.isEmpty()) {
      return null;
    }
    Conversation c = current;
    Conversation updated =
        c.toBuilder()
            .lastMessageAt(now)
            .lastInboundAt(now)
            .messageCount(c.messageCount() + 1)
            .nextSeq()
            .build();
    String messageId = Message.inboundId(inbound.messageSid());
    Message message =
        inbound.stored(
            c.workspaceId(), c.id(), updated.seq(), now, Map.of("ratingReply", kind.wire()));
    ConversationEvent event =
        EventOutbox.newEvent(
            ConversationEvent.MESSAGE_RECEIVED,
            c.workspaceId(),
            c.id(),
            updated.seq(),
            now,
            requestId,
            MessageView.of(message));

    tx.create(
        firestore.collection(Collections.MESSAGES).document(messageId),
        MessageDocument.toMap(message));
    tx.set(
        firestore.collection(Collections.CONVERSATIONS).document(c.id()),
        ConversationDocument.toMap(updated));
    tx.set(
        firestore.collection(Collections.RATINGS).document(ratingId(c.id(), kind)),
        rating(c, kind, score.getAsInt(), messageId, now));
    tx.update(thread.getReference(), SurveyState.FIELD, survey.answered(kind).toMap());
    outbox.append(tx, event);
    return new Captured(
        new IngestResult(messageId, c.id(), updated.seq(), false, false),
        event,
        kind,
        score.getAsInt());
  }

  public static String ratingId(String conversationId, RatingKind kind) {
    return conversationId + "_" + kind.wire();
  }

  private static Map<String, Object> rating(
      Conversation c, RatingKind kind, int score, String messageId, Instant now) {
    Map<String, Object> rating = new HashMap<>();
    rating.put("workspaceId", c.workspaceId());
    rating.put("conversationId", c.id());
    rating.put("kind", kind.wire());
    rating.put("score", (long) score);
    rating.put("scaleMin", (long) kind.min());
    rating.put("scaleMax", (long) kind.max());
    rating.put("messageId", messageId);
    rating.put("createdAt", Timestamps.of(now));
    return rating;
  }

  /** What was stored: the ingest result and event as for any message, plus the rating. */
  public record Captured(
      IngestResult result, ConversationEvent event, RatingKind kind, int score) {}
}
