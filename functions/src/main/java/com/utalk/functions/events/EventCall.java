package com.utalk.functions.events;

import com.utalk.errors.ApiProblem;
import com.utalk.errors.ValidationException;
import com.utalk.events.ProcessedEvents;
import com.utalk.json.Json;
import com.utalk.logging.Log;
import com.utalk.logging.RequestContext;
import io.cloudevents.CloudEvent;
import java.util.function.Predicate;

/**
 * Everything a Pub/Sub-triggered function does around its own work: continues the request ID that
 * came as a message attribute, skips CloudEvent ids already handled, and remembers the id once the
 * work succeeded. An outage or a bug propagates, so the platform redelivers; a message the work
 * refuses as bad input (a 4xx problem, malformed JSON) is logged and acknowledged, since every
 * redelivery would be refused the same way.
 */
public final class EventCall {
  private static final Log LOG = Log.get(EventCall.class);

  private EventCall() {}

  /** The work of a CloudEvent function for one Pub/Sub message. */
  @FunctionalInterface
  public interface Handler {
    void handle(PubSubMessage message, String requestId) throws Exception;
  }

  /**
   * Messages whose {@code type} attribute is {@code type}: the attribute spares parsing the others.
   */
  public static Predicate<PubSubMessage> ofType(String type) {
    return message -> type.equals(message.attributes().get("type"));
  }

  public static void run(
      String function, CloudEvent event, ProcessedEvents processed, Handler handler)
      throws Exception {
    run(function, event, processed, message -> true, handler);
  }

  /**
   * As {@link #run(String, CloudEvent, ProcessedEvents, Handler)} for a function that acts on some
   * messages of its topic only: the others are acknowledged without touching Firestore (no
   * processed-event read or write), since doing nothing twice is harmless. On the conversation
   * topic that is most events: each message sets off several, and each of its consumers wants one
   * kind.
   */
  public static void run(
      String function,
      CloudEvent event,
      ProcessedEvents processed,
      Predicate<PubSubMessage> relevant,
      Handler handler)
      throws Exception {
    PubSubMessage message;
    try {
      message = PubSubMessage.from(event);
    } catch (RuntimeException malformed) {
      // not a Pub/Sub push envelope at all: redelivering it cannot help
      LOG.warn(
          "event refused",
          "function",
          function,
          "eventId",
          event.getId(),
          "reason",
          "malformed envelope");
      return;
    }
    if (!relevant.test(message)) {
      return;
    }
    String carried = message.attributes().get(RequestContext.REQUEST_ID_ATTRIBUTE);
    RequestContext context = RequestContext.fromIncoming(carried, null, null);
    try (RequestContext.Scope ignored = context.open()) {
      if (processed.seen(function, event.getId())) {
        LOG.info("event already processed", "function", function, "eventId", event.getId());
        return;
      }
      long started = System.nanoTime();
      try {
        handler.handle(message, context.requestId());
      } catch (Json.MalformedJsonException | ApiProblem refused) {
        ApiProblem problem =
            refused instanceof ApiProblem p
                ? p
                : new ValidationException(null, "the message is not valid JSON");
        if (problem.status() >= 500) {
          throw problem;
        }
        // the same message would be refused the same way on every redelivery: acknowledge it
        LOG.warn(
            "event refused",
            "function",
            function,
            "eventId",
            event.getId(),
            "error",
            problem.code(),
            "reason",
            problem.getMessage());
        processed.remember(function, event.getId());
        return;
      }
      processed.remember(function, event.getId());
      LOG.info(
          "event processed",
          "function",
          function,
          "eventId",
          event.getId(),
          "latencyMs",
          (System.nanoTime() - started) / 1_000_000.0);
    }
  }
}
