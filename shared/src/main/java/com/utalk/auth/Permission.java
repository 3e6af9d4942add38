package com.utalk.auth;

/**
 * Every action that needs a grant. Which roles hold which permission is {@link PermissionPolicy}'s
 * business.
 */
public enum Permission {
  /** List and read conversations and their messages. */
  CONVERSATIONS_READ,
  /** Send a message to the customer as an agent. */
  MESSAGES_SEND,
  /** Assign an unassigned conversation (or one already yours) to yourself. */
  CONVERSATIONS_ASSIGN_SELF,
  /** Assign an unassigned conversation to somebody else. */
  CONVERSATIONS_ASSIGN_OTHERS,
  /** Take a conversation away from the agent who holds it (a force action, audited). */
  CONVERSATIONS_FORCE_REASSIGN,
  /** Close and reopen conversations. */
  CONVERSATIONS_CLOSE,
  /** See the workspace's users (names, emails, roles). */
  USERS_READ,
  /** Create users and change roles (audited). */
  USERS_MANAGE,
  /** Read the audit log. */
  AUDIT_READ,
  /** Rotate the JWT signing secret on demand (audited). */
  SECRETS_ROTATE,
  /** Read the workspace's bot (AI) configuration. */
  AI_CONFIG_READ,
  /** Change the workspace's bot (AI) configuration (audited). */
  AI_CONFIG_WRITE,
  /**
   * Turn the bot off on every escalated conversation that still has it on (a force action,
   * audited).
   */
  BOT_FORCE_PAUSE,
  /** Re-sign the stored media URLs of a conversation or a time range (audited). */
  MEDIA_REGENERATE_URLS,
  /** Read the business KPIs of the workspace (GET /api/kpis). */
  KPIS_READ,
  /** Read the service SLOs, error budgets and burn rates (GET /api/slo). */
  SLO_READ,
  /** Restore the database from a backup (maintenance mode meanwhile; audited). */
  BACKUPS_RESTORE,
  /** See every feature flag's definition (GET /api/admin/flags). */
  FLAGS_READ,
  /** Change and roll out feature flags, kill switch included (audited). */
  FLAGS_MANAGE
}
