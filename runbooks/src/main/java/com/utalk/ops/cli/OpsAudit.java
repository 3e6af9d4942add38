package com.utalk.ops.cli;

import com.utalk.audit.AuditLog;
import com.utalk.auth.Principal;
import com.utalk.auth.Role;
import java.util.Map;

/**
 * Every change made by {@code runbooks/ops} goes to the environment's {@code auditLogs} (the same
 * log the API's admin actions use), as actor {@code ops:<operator>} with role admin, under the
 * run's request ID, with the state before and after. {@code workspaceId} is the affected workspace,
 * or {@link #PLATFORM} for changes that belong to none (a signing key, a Twilio sender).
 */
public final class OpsAudit {
  public static final String PLATFORM = "_platform";

  private final AuditLog log;
  private final String operator;
  private final String requestId;

  public OpsAudit(AuditLog log, String operator, String requestId) {
    this.log = log;
    this.operator = operator;
    this.requestId = requestId;
  }

  public void record(
      String workspaceId,
      String action,
      String targetType,
      String targetId,
      Map<String, Object> before,
      Map<String, Object> after) {
    Principal actor = new Principal("ops:" + operator, Role.ADMIN, workspaceId, null);
    log.record(log.entry(actor, requestId, action, targetType, targetId, before, after));
  }

  public String requestId() {
    return requestId;
  }
}
