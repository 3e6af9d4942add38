package com.utalk.auth;

import static com.utalk.auth.Permission.AI_CONFIG_READ;
import static com.utalk.auth.Permission.AI_CONFIG_WRITE;
import static com.utalk.auth.Permission.AUDIT_READ;
import static com.utalk.auth.Permission.BACKUPS_RESTORE;
import static com.utalk.auth.Permission.BOT_FORCE_PAUSE;
import static com.utalk.auth.Permission.CONVERSATIONS_ASSIGN_OTHERS;
import static com.utalk.auth.Permission.CONVERSATIONS_ASSIGN_SELF;
import static com.utalk.auth.Permission.CONVERSATIONS_CLOSE;
import static com.utalk.auth.Permission.CONVERSATIONS_FORCE_REASSIGN;
import static com.utalk.auth.Permission.CONVERSATIONS_READ;
import static com.utalk.auth.Permission.FLAGS_MANAGE;
import static com.utalk.auth.Permission.FLAGS_READ;
import static com.utalk.auth.Permission.KPIS_READ;
import static com.utalk.auth.Permission.MEDIA_REGENERATE_URLS;
import static com.utalk.auth.Permission.MESSAGES_SEND;
import static com.utalk.auth.Permission.SECRETS_ROTATE;
import static com.utalk.auth.Permission.SLO_READ;
import static com.utalk.auth.Permission.USERS_MANAGE;
import static com.utalk.auth.Permission.USERS_READ;

import com.utalk.errors.ForbiddenException;
import com.utalk.errors.NotFoundException;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The one place that decides who may do what. Derived from the operations policy: every level
 * reads; {@code developer} also writes (read + write); {@code operator} and {@code readonly} only
 * read, operator also reviews the audit log; {@code admin} does everything including the audited
 * admin actions; {@code agent} reads and writes conversations but may only assign to themself.
 * Media rides on the conversation permissions: whoever may read a conversation may get its media
 * URLs (CONVERSATIONS_READ), whoever may send messages may upload attachments (MESSAGES_SEND). The
 * bot's configuration, force-pause-bot and media URL regeneration are admin actions (the runbooks
 * run them with an admin token; the bot and media handlers also insist on an admin themselves).
 * docs/permissions.md renders this table; PermissionPolicyTest and the HTTP matrix test pin it.
 */
public final class PermissionPolicy {
  private static final Map<Role, Set<Permission>> GRANTS = new EnumMap<>(Role.class);

  static {
    GRANTS.put(Role.ADMIN, EnumSet.allOf(Permission.class));
    GRANTS.put(
        Role.DEVELOPER,
        EnumSet.of(
            CONVERSATIONS_READ,
            MESSAGES_SEND,
            CONVERSATIONS_ASSIGN_SELF,
            CONVERSATIONS_ASSIGN_OTHERS,
            CONVERSATIONS_CLOSE,
            USERS_READ,
            KPIS_READ,
            FLAGS_READ));
    GRANTS.put(
        Role.OPERATOR,
        EnumSet.of(CONVERSATIONS_READ, USERS_READ, AUDIT_READ, KPIS_READ, SLO_READ, FLAGS_READ));
    GRANTS.put(Role.READONLY, EnumSet.of(CONVERSATIONS_READ, USERS_READ, KPIS_READ));
    GRANTS.put(
        Role.AGENT,
        EnumSet.of(
            CONVERSATIONS_READ,
            MESSAGES_SEND,
            CONVERSATIONS_ASSIGN_SELF,
            CONVERSATIONS_CLOSE,
            USERS_READ));
    // Keep the admin-only actions admin-only even if someone edits a line above.
    for (Role role : Role.values()) {
      if (role != Role.ADMIN) {
        GRANTS
            .get(role)
            .removeAll(
                EnumSet.of(
                    USERS_MANAGE,
                    SECRETS_ROTATE,
                    CONVERSATIONS_FORCE_REASSIGN,
                    AI_CONFIG_READ,
                    AI_CONFIG_WRITE,
                    BOT_FORCE_PAUSE,
                    MEDIA_REGENERATE_URLS,
                    BACKUPS_RESTORE,
                    FLAGS_MANAGE));
      }
    }
  }

  public boolean allows(Role role, Permission permission) {
    return GRANTS.get(role).contains(permission);
  }

  /** 403 unless the caller's role holds {@code permission}. */
  public void check(Principal principal, Permission permission) {
    if (!allows(principal.role(), permission)) {
      throw new ForbiddenException("the " + principal.role().wire() + " role may not do this");
    }
  }

  /**
   * As {@link #check(Principal, Permission)}, for a resource of {@code resourceWorkspaceId}. A
   * resource of another workspace answers 404, exactly as a missing one, so its existence leaks
   * nothing; that test runs first for the same reason.
   */
  public void check(Principal principal, Permission permission, String resourceWorkspaceId) {
    if (resourceWorkspaceId == null || !resourceWorkspaceId.equals(principal.workspaceId())) {
      throw notFound();
    }
    check(principal, permission);
  }

  /** The answer for a missing resource; identical to the one for another workspace's resource. */
  public static NotFoundException notFound() {
    return new NotFoundException("not found");
  }

  /** The roles holding {@code permission}, for docs and tests. */
  public Set<Role> rolesWith(Permission permission) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    GRANTS.forEach(
        (role, permissions) -> {
          if (permissions.contains(permission)) {
            roles.add(role);
          }
        });
    return roles;
  }
}
