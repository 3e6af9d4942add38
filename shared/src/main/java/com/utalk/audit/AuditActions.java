package com.utalk.audit;

/** The audited action names (stable: dashboards and retention queries filter on them). */
public final class AuditActions {
  public static final String USER_CREATE = "user.create";
  public static final String USER_ROLE_CHANGE = "user.role_change";
  public static final String CONVERSATION_FORCE_REASSIGN = "conversation.force_reassign";
  public static final String JWT_SECRET_ROTATE = "jwt_secret.rotate";
  public static final String BACKUP_RESTORE = "backup.restore";
  public static final String FLAG_CHANGE = "feature_flag.change";
  public static final String FLAG_ROLLOUT = "feature_flag.rollout";

  private AuditActions() {}
}
