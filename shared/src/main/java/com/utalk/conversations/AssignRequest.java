package com.utalk.conversations;

/**
 * Assign a conversation to {@code agentId}; {@code force} takes it from another agent (admin only,
 * audited).
 */
public record AssignRequest(String agentId, boolean force) {}
