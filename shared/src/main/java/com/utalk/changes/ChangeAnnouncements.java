package com.utalk.changes;

import com.utalk.errors.ServiceUnavailableException;
import com.utalk.events.ConversationEvent;
import com.utalk.events.EventPublisher;
import com.utalk.events.PubSubEventPublisher;
import com.utalk.json.Json;
import com.utalk.platform.Topics;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A release announces its CHANGELOG.md section as an {@code api.changes} event on {@code
 * conversation-events} for every workspace ({@code workspaceId "*"}); the realtime service delivers
 * it to every connected front end as {@code api:changes} (the path that already carries it:
 * realtime-service's EventFanout, deduplicated by event id). The event id is derived from the
 * version, so announcing the same release twice is delivered once.
 */
public final class ChangeAnnouncements {
  public static final String EVENT_TYPE = "api.changes";
  public static final String EVERY_WORKSPACE = "*";

  private final EventPublisher publisher;
  private final Clock clock;

  public ChangeAnnouncements(EventPublisher publisher, Clock clock) {
    this.publisher = publisher;
    this.clock = clock;
  }

  /**
   * What the front end receives as the event's {@code data}: {@code {version, changes,
   * migrationGuide}}.
   */
  public static Map<String, Object> payload(Release release) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("version", release.version());
    payload.put("changes", release.changes());
    payload.put("migrationGuide", release.migrationGuide());
    return payload;
  }

  public static String eventId(Release release) {
    return "api-changes-" + release.version();
  }

  /**
   * Publishes and waits for the broker; 503 when Pub/Sub does not take it (a retry is harmless).
   */
  public ConversationEvent publish(Release release, String requestId) {
    return publish(eventId(release), payload(release), release.version(), requestId);
  }

  /**
   * A rollback is announced the same way: {@code api:changes} for the version that serves again,
   * with {@code rolledBackFrom} naming the version taken back (the front end drops what it had
   * learnt of that one). Its own event id, so it is delivered even though that version was
   * announced before, and once per rollback.
   */
  public ConversationEvent publishRollback(
      Release serving, String rolledBackFrom, String requestId) {
    Map<String, Object> payload = payload(serving);
    payload.put("rolledBackFrom", rolledBackFrom);
    return publish(
        eventId(serving) + "-rollback-from-" + rolledBackFrom + "-" + requestId,
        payload,
        serving.version(),
        requestId);
  }

  private ConversationEvent publish(
      String eventId, Map<String, Object> payload, String version, String requestId) {
    ConversationEvent event =
        new ConversationEvent(
            eventId,
            EVENT_TYPE,
            EVERY_WORKSPACE,
            null,
            0,
            clock.instant(),
            requestId,
            Json.mapper().valueToTree(payload));
    Map<String, String> attributes =
        Map.of(
            "eventId",
            event.eventId(),
            "type",
            EVENT_TYPE,
            "workspaceId",
            EVERY_WORKSPACE,
            "requestId",
            requestId == null ? "" : requestId);
    try {
      publisher
          .publish(Topics.CONVERSATION_EVENTS, Json.writeBytes(event), attributes, null)
          .get(PubSubEventPublisher.PUBLISH_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServiceUnavailableException("interrupted while announcing " + version);
    } catch (Exception e) {
      throw new ServiceUnavailableException(
          "could not announce " + version + ": " + e.getMessage());
    }
    return event;
  }
}
