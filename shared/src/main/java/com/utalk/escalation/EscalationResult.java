package com.utalk.escalation;

import java.time.Instant;

/**
 * What an escalation did. {@code changed} is false when the conversation was already escalated with
 * the bot off (nothing to do); {@code escalationId} names the escalations document written.
 */
public record EscalationResult(
    String conversationId, boolean changed, String escalationId, Instant escalatedAt) {}
