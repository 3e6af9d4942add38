package com.utalk.messaging;

/** The payload on {@code outbound-messages}: which stored message the sender should send. */
public record OutboundCommand(String workspaceId, String conversationId, String messageId) {}
