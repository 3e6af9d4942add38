package com.utalk.audit;

/** The audited action names (stable: dashboards and retention queries filter on them). */
public final class AuditActions {
  public static final String USER_CREATE = "user.create";
  public static final String USER_ROLE_CHANGE = "user.role_change";
  public static final String USER_DISABLE = "user.disable";
  public static final String USER_ENABLE = "user.enable";
  public static final String CONVERSATION_FORCE_REASSIGN = "conversation.force_reassign";
  public static final String JWT_SECRET_ROTATE = "jwt_secret.rotate";
  public static final String BACKUP_RESTORE = "backup.restore";
  public static final String FLAG_CHANGE = "feature_flag.change";
  public static final String FLAG_ROLLOUT = "feature_flag.rollout";

  /** A release went through its "during" checklist (runbooks/ops release during). */
  public static final String RELEASE_DEPLOY = "release.deploy";

  /** The post-release watch rolled a release back (runbooks/ops release post). */
  public static final String RELEASE_ROLLBACK = "release.rollback";

  /** Changes made by the operator CLI (runbooks/ops), actor {@code ops:<operator>}. */
  public static final String OPS_TWILIO_WEBHOOK_URL = "ops.twilio_webhook_url";

  public static final String OPS_JWT_KEY_DISABLE = "ops.jwt_key_disable";
  public static final String OPS_LOGIN_THROTTLE_CLEAR = "ops.login_throttle_clear";
  public static final String OPS_MEDIA_RETRY = "ops.media_retry";
  public static final String OPS_REALTIME_RESTART = "ops.realtime_restart";

  private AuditActions() {}
}
