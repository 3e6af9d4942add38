package com.utalk.messaging;

import java.time.Instant;
import java.util.List;

/**
 * The message as clients see it (REST responses, socket events, event payloads). Internal metadata,
 * which may hold sensitive data, is not part of it.
 */
public record MessageView(
    String id,
    String conversationId,
    String direction,
    String author,
    String body,
    List<String> mediaIds,
    List<MediaRef> media,
    String messageId,
    String twilioSid,
    String status,
    String errorCode,
    String errorMessage,
    Instant createdAt,
    Instant statusUpdatedAt,
    boolean botResponse,
    long seq) {

  public static MessageView of(Message m) {
    return new MessageView(
        m.id(),
        m.conversationId(),
        m.direction().wire(),
        m.author().wire(),
        m.body(),
        m.mediaIds(),
        m.media(),
        m.clientMessageId(),
        m.twilioSid(),
        m.status().wire(),
        m.errorCode(),
        m.errorMessage(),
        m.createdAt(),
        m.statusUpdatedAt(),
        m.botResponse(),
        m.seq());
  }
}
