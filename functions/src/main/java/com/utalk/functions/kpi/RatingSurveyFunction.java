package com.utalk.functions.kpi;

import com.google.cloud.functions.CloudEventsFunction;
import com.utalk.functions.wiring.Backend;
import com.utalk.kpi.ratings.RatingKind;
import com.utalk.kpi.ratings.RatingSurveyService;
import com.utalk.logging.Log;
import com.utalk.logging.RequestContext;
import com.utalk.messaging.OutboundMessageService;
import com.utalk.triggers.FirestoreChange;
import com.utalk.wiring.Lazy;
import io.cloudevents.CloudEvent;

/**
 * Firestore {@code updated} on conversations → asks the closed conversation's customer for a
 * rating.
 */
public final class RatingSurveyFunction implements CloudEventsFunction {
  private static final Log LOG = Log.get(RatingSurveyFunction.class);

  private final Backend backend;
  private final Lazy<RatingSurveyService> surveys;

  public RatingSurveyFunction() {
    this(Backend.fromEnvironment());
  }

  public RatingSurveyFunction(Backend backend) {
    this.backend = backend;
    this.surveys =
        Lazy.of(
            () ->
                new RatingSurveyService(
                    backend.firestore(),
                    new OutboundMessageService(
                        backend.firestore(),
                        backend.outbox(),
                        backend.publisher(),
                        backend.clock()),
                    backend.settings(),
                    backend.clock()));
  }

  @Override
  public void accept(CloudEvent event) {
    RequestContext context = RequestContext.fromIncoming(null, null, null);
    try (RequestContext.Scope ignored = context.open()) {
      FirestoreChange change = FirestoreEvents.change(event);
      RatingKind asked =
          surveys()
              .onConversationUpdated(
                  change.documentId(), change.before(), change.after(), context.requestId());
      if (asked != null) {
        LOG.info(
            "survey question queued",
            "conversationId",
            change.documentId(),
            "question",
            asked.wire());
      }
    }
  }

  private RatingSurveyService surveys() {
    return surveys.get();
  }
}
