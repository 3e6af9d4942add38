package com.utalk.ops.cli;

import com.utalk.audit.AuditLog;
import com.utalk.ops.environment.Target;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What an action gets: the parsed options, the target environment (opened on first use), a way to
 * confirm changes and the audit log, under one request ID per run (it is in every audit entry and
 * printed as evidence, so a change can be traced back to the run that made it).
 */
public final class OpsContext implements AutoCloseable {
  private final Options options;
  private final Supplier<Target> opener;
  private final Confirmation confirmation;
  private final String operator;
  private final String requestId;
  private final Clock clock;
  private Target target;

  public OpsContext(
      Options options,
      Supplier<Target> opener,
      Confirmation confirmation,
      String operator,
      String requestId,
      Clock clock) {
    this.options = options;
    this.opener = opener;
    this.confirmation = confirmation;
    this.operator = operator;
    this.requestId = requestId;
    this.clock = clock;
  }

  public Options options() {
    return options;
  }

  public synchronized Target target() {
    if (target == null) {
      target = opener.get();
    }
    return target;
  }

  /**
   * Who runs the tool (OPS_OPERATOR, else the login name): the audit log's actor is ops:<operator>.
   */
  public String operator() {
    return operator;
  }

  /**
   * {@code runbooks/ops <rest>} for this run's environment: what a verdict's "next" step says to
   * type.
   */
  public String command(String rest) {
    return "runbooks/ops " + rest + (options.local() ? "" : " --env " + options.env());
  }

  public Clock clock() {
    return clock;
  }

  public String requestId() {
    return requestId;
  }

  /** True when the operator agreed (or passed --yes) to {@code change}. */
  public boolean confirm(String change) {
    return confirmation.confirm(change);
  }

  /** Records one applied change in the target's audit log. */
  public void audit(
      String workspaceId,
      String action,
      String targetType,
      String targetId,
      Map<String, Object> before,
      Map<String, Object> after) {
    new OpsAudit(new AuditLog(target().firestore(), clock), operator, requestId)
        .record(workspaceId, action, targetType, targetId, before, after);
  }

  @Override
  public synchronized void close() {
    if (target != null) {
      target.close();
    }
  }
}
