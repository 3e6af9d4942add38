package com.utalk.messaging;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A stored message. Inbound ids derive from Twilio's MessageSid; outbound ids are the client's UUID
 * v4 {@code messageId}, which makes both kinds of write idempotent.
 */
public record Message(
    String id,
    String workspaceId,
    String conversationId,
    Direction direction,
    Author author,
    String body,
    List<String> mediaIds,
    List<MediaRef> media,
    String twilioSid,
    String clientMessageId,
    MessageStatus status,
    String errorCode,
    String errorMessage,
    Instant createdAt,
    Instant statusUpdatedAt,
    boolean botResponse,
    Long botResponseTime,
    Long responseTime,
    long seq,
    Map<String, Object> metadata) {
  public Message {
    mediaIds = mediaIds == null ? List.of() : List.copyOf(mediaIds);
    media = media == null ? List.of() : List.copyOf(media);
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }

  public static String inboundId(String messageSid) {
    return "in_" + messageSid;
  }

  public boolean hasMedia() {
    return !mediaIds.isEmpty() || !media.isEmpty();
  }
}
