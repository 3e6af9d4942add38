package com.utalk.functions.events;

import com.utalk.events.ProcessedEvents;
import com.utalk.logging.Log;
import com.utalk.logging.RequestContext;
import io.cloudevents.CloudEvent;

/**
 * Everything a Pub/Sub-triggered function does around its own work: continues the request ID
 * that came as a message attribute, skips CloudEvent ids already handled, and remembers the id
 * once the work succeeded. A failure propagates, so the platform redelivers.
 */
public final class EventCall {
  private static final Log LOG = Log.get(EventCall.class);

  private EventCall() {}

  /** The work of a CloudEvent function for one Pub/Sub message. */
  @FunctionalInterface
  public interface Handler {
    void handle(PubSubMessage message, String requestId) throws Exception;
  }

  public static void run(String function, CloudEvent event, ProcessedEvents processed, Handler handler) throws Exception {
    PubSubMessage message = PubSubMessage.from(event);
    String carried = message.attributes().get(RequestContext.REQUEST_ID_ATTRIBUTE);
    RequestContext context = RequestContext.fromIncoming(carried, null, null);
    try (RequestContext.Scope ignored = context.open()) {
      if (processed.seen(function, event.getId())) {
        LOG.info("event already processed", "function", function, "eventId", event.getId());
        return;
      }
      long started = System.nanoTime();
      handler.handle(message, context.requestId());
      processed.remember(function, event.getId());
      LOG.info("event processed", "function", function, "eventId", event.getId(),
          "latencyMs", (System.nanoTime() - started) / 1_000_000.0);
    }
  }
}
