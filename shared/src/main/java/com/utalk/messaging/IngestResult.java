package com.utalk.messaging;

/** What storing an inbound message did: {@code duplicate} when Twilio had delivered it before. */
public record IngestResult(
    String messageId,
    String conversationId,
    long seq,
    boolean duplicate,
    boolean newConversation) {}
