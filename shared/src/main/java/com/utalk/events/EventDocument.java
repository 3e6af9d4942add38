package com.utalk.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.firestore.DocumentSnapshot;
import com.utalk.json.Json;
import com.utalk.storage.Timestamps;
import java.util.HashMap;
import java.util.Map;

/** Firestore form of a conversation event: the outbox entry and the replay log for reconnects. */
public final class EventDocument {
  /** Zero-padded so that document ids sort like sequence numbers. */
  public static String idFor(long seq) {
    return String.format("%012d", seq);
  }

  private EventDocument() {}

  static Map<String, Object> toMap(ConversationEvent event) {
    Map<String, Object> map = new HashMap<>();
    map.put("eventId", event.eventId());
    map.put("type", event.type());
    map.put("workspaceId", event.workspaceId());
    map.put("conversationId", event.conversationId());
    map.put("seq", event.seq());
    map.put("occurredAt", Timestamps.of(event.occurredAt()));
    map.put("requestId", event.requestId());
    map.put("payload", Json.convert(event.payload(), Map.class));
    map.put("published", false);
    return map;
  }

  @SuppressWarnings("unchecked")
  public static ConversationEvent fromSnapshot(DocumentSnapshot snapshot) {
    Map<String, Object> payload = (Map<String, Object>) snapshot.get("payload");
    Long seq = snapshot.getLong("seq");
    return new ConversationEvent(
        snapshot.getString("eventId"),
        snapshot.getString("type"),
        snapshot.getString("workspaceId"),
        snapshot.getString("conversationId"),
        seq == null ? 0 : seq,
        Timestamps.toInstant(snapshot.get("occurredAt")),
        snapshot.getString("requestId"),
        Json.mapper().valueToTree(payload == null ? new HashMap<>() : payload));
  }

  static JsonNode payloadOf(Object value) {
    return Json.mapper().valueToTree(value);
  }
}
