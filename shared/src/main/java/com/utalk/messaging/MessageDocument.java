package com.utalk.messaging;

import com.google.cloud.firestore.DocumentSnapshot;
import com.utalk.storage.Timestamps;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Firestore form of {@link Message}; field names are the ones the KPI formulas and backups use. */
public final class MessageDocument {
  private MessageDocument() {}

  public static Map<String, Object> toMap(Message message) {
    Map<String, Object> map = new HashMap<>();
    map.put("workspaceId", message.workspaceId());
    map.put("conversationId", message.conversationId());
    map.put("direction", message.direction().wire());
    map.put("author", message.author().wire());
    map.put("body", message.body());
    map.put("mediaIds", message.mediaIds());
    // The operations reference's media-rate formula filters on a single `mediaId`; keep the first
    // one there too.
    map.put("mediaId", message.mediaIds().isEmpty() ? null : message.mediaIds().get(0));
    List<Map<String, Object>> media = new ArrayList<>();
    for (MediaRef ref : message.media()) {
      media.add(
          Map.of(
              "url", ref.url(), "contentType", ref.contentType() == null ? "" : ref.contentType()));
    }
    map.put("media", media);
    map.put("hasMedia", message.hasMedia());
    map.put("twilioSid", message.twilioSid());
    map.put("messageId", message.clientMessageId());
    map.put("status", message.status().wire());
    map.put("errorCode", message.errorCode());
    map.put("errorMessage", message.errorMessage());
    map.put("createdAt", Timestamps.of(message.createdAt()));
    map.put("statusUpdatedAt", Timestamps.of(message.statusUpdatedAt()));
    map.put("botResponse", message.botResponse());
    map.put("botResponseTime", message.botResponseTime());
    map.put("responseTime", message.responseTime());
    map.put("seq", message.seq());
    map.put("metadata", message.metadata());
    return map;
  }

  @SuppressWarnings("unchecked")
  public static Message fromSnapshot(DocumentSnapshot snapshot) {
    List<Map<String, Object>> storedMedia = (List<Map<String, Object>>) snapshot.get("media");
    List<MediaRef> media = new ArrayList<>();
    if (storedMedia != null) {
      for (Map<String, Object> ref : storedMedia) {
        media.add(new MediaRef((String) ref.get("url"), (String) ref.get("contentType")));
      }
    }
    List<String> mediaIds = (List<String>) snapshot.get("mediaIds");
    Map<String, Object> metadata = (Map<String, Object>) snapshot.get("metadata");
    Long seq = snapshot.getLong("seq");
    return new Message(
        snapshot.getId(),
        snapshot.getString("workspaceId"),
        snapshot.getString("conversationId"),
        Direction.fromWire(snapshot.getString("direction")),
        Author.fromWire(snapshot.getString("author")),
        snapshot.getString("body"),
        mediaIds,
        media,
        snapshot.getString("twilioSid"),
        snapshot.getString("messageId"),
        MessageStatus.fromWire(snapshot.getString("status")),
        snapshot.getString("errorCode"),
        snapshot.getString("errorMessage"),
        Timestamps.toInstant(snapshot.get("createdAt")),
        Timestamps.toInstant(snapshot.get("statusUpdatedAt")),
        Boolean.TRUE.equals(snapshot.getBoolean("botResponse")),
        snapshot.getLong("botResponseTime"),
        snapshot.getLong("responseTime"),
        seq == null ? 0 : seq,
        metadata == null ? null : new HashMap<>(metadata));
  }
}
