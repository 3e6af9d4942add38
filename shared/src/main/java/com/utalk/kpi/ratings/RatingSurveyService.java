package com.utalk.kpi.ratings;

import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Firestore;
import com.utalk.config.Settings;
import com.utalk.logging.Log;
import com.utalk.messaging.Author;
import com.utalk.messaging.OutboundMessageService;
import com.utalk.messaging.OutboundRequest;
import com.utalk.messaging.PhoneNumber;
import com.utalk.storage.Collections;
import com.utalk.storage.FirestoreCalls;
import com.utalk.storage.Timestamps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Asks the survey after a conversation closes: on the close it opens the survey on the contact's
 * thread and queues the CSAT question; when an answer moved the survey to NPS, it queues that.
 * Every step is safe to repeat (a redelivered trigger, the question's own update of the
 * conversation): the question's message id is fixed per conversation and question.
 */
public final class RatingSurveyService {
  private static final Log LOG = Log.get(RatingSurveyService.class);

  /** WhatsApp only allows free-form messages within 24 h of the customer's last message. */
  private static final Duration SESSION_WINDOW = Duration.ofHours(23);

  private final Firestore firestore;
  private final OutboundMessageService outbound;
  private final Duration ttl;
  private final Clock clock;

  public RatingSurveyService(
      Firestore firestore, OutboundMessageService outbound, Settings settings, Clock clock) {
    this.firestore = firestore;
    this.outbound = outbound;
    this.ttl = Duration.ofHours(settings.getLong("RATING_SURVEY_TTL_HOURS", 24));
    this.clock = clock;
  }

  /**
   * Reacts to one update of {@code conversations/{conversationId}}; returns the question queued, if
   * any.
   */
  @SuppressWarnings("unchecked")
  public RatingKind onConversationUpdated(
      String conversationId,
      Map<String, Object> before,
      Map<String, Object> after,
      String requestId) {
    if (after == null || !"closed".equals(after.get("status"))) {
      return null;
    }
    String workspaceId = (String) after.get("workspaceId");
    Map<String, Object> contact = (Map<String, Object>) after.get("contact");
    if (workspaceId == null || contact == null || contact.get("phone") == null) {
      return null;
    }
    boolean justClosed = before == null || !"closed".equals(before.get("status"));
    Instant now = clock.instant();
    Instant lastInbound = Timestamps.toInstant(after.get("lastInboundAt"));
    if (justClosed && (lastInbound == null || lastInbound.isBefore(now.minus(SESSION_WINDOW)))) {
      LOG.info("no survey: outside the WhatsApp session window", "conversationId", conversationId);
      return null;
    }
    DocumentReference threadRef =
        firestore
            .collection(Collections.CONTACT_THREADS)
            .document(
                workspaceId + "_" + PhoneNumber.parse((String) contact.get("phone")).digits());
    Workspace workspace = justClosed ? workspace(workspaceId) : null;
    if (workspace != null && !workspace.surveyEnabled()) {
      return null;
    }
    RatingKind ask =
        FirestoreCalls.await(
            firestore.runTransaction(
                tx -> {
                  DocumentSnapshot thread = tx.get(threadRef).get();
                  if (!thread.exists()
                      || !conversationId.equals(thread.getString("conversationId"))) {
                    return null; // the customer has already moved on to a new conversation
                  }
                  SurveyState survey = SurveyState.from(thread.get(SurveyState.FIELD));
                  if (survey == null || !conversationId.equals(survey.conversationId())) {
                    if (!justClosed) {
                      return null;
                    }
                    SurveyState started =
                        new SurveyState(
                            conversationId, RatingKind.CSAT, workspace.npsEnabled(), now.plus(ttl));
                    tx.update(threadRef, SurveyState.FIELD, started.toMap());
                    return RatingKind.CSAT;
                  }
                  return survey.awaits(conversationId, now) ? survey.pending() : null;
                }));
    if (ask != null) {
      outbound.queueSurvey(
          new OutboundRequest(
              workspaceId,
              conversationId,
              SurveyMessages.messageId(conversationId, ask),
              ask.question(),
              List.of(),
              Author.bot(),
              null),
          requestId);
    }
    return ask;
  }

  private Workspace workspace(String workspaceId) {
    DocumentSnapshot doc =
        FirestoreCalls.await(
            firestore.collection(Collections.WORKSPACES).document(workspaceId).get());
    return new Workspace(
        !Boolean.FALSE.equals(doc.getBoolean("ratingSurveyEnabled")),
        Boolean.TRUE.equals(doc.getBoolean("npsEnabled")));
  }

  /**
   * The workspace's survey settings: {@code ratingSurveyEnabled} (default on) and {@code
   * npsEnabled} (default off).
   */
  private record Workspace(boolean surveyEnabled, boolean npsEnabled) {}
}
