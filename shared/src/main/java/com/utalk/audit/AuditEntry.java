package com.utalk.audit;

import java.time.Instant;
import java.util.Map;

/**
 * One admin action: who (uid and role), what (action on a target), when, under which request, and
 * the target's relevant state before and after. Never holds secrets or password hashes.
 */
public record AuditEntry(
    String id,
    String workspaceId,
    String actorUid,
    String actorRole,
    String action,
    String targetType,
    String targetId,
    Instant at,
    String requestId,
    Map<String, Object> before,
    Map<String, Object> after) {}
