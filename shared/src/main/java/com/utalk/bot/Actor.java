package com.utalk.bot;

import com.utalk.errors.ForbiddenException;
import java.util.Locale;

/**
 * The authenticated user behind an admin or API call, as the API router hands it to the bot and
 * media handlers: who (for the audit log), which workspace (every lookup is scoped to it) and which
 * role. The router's permission policy decides who may call a route; {@link #requireAdmin} is the
 * handlers' own last line of defence for the admin-only operations.
 */
public record Actor(String userId, String workspaceId, String role) {
  public static final String ADMIN = "admin";
  public static final String SUPERVISOR = "supervisor";
  public static final String AGENT = "agent";

  public Actor {
    if (userId == null || userId.isBlank() || workspaceId == null || workspaceId.isBlank()) {
      throw new IllegalArgumentException("an actor needs a user id and a workspace");
    }
    role = role == null ? "" : role.toLowerCase(Locale.ROOT);
  }

  /** The API router's authenticated caller as an actor: its uid, workspace and role (wire name). */
  public static Actor of(com.utalk.auth.Principal principal) {
    return new Actor(principal.uid(), principal.workspaceId(), principal.role().wire());
  }

  public boolean isAdmin() {
    return ADMIN.equals(role);
  }

  /** Admins and supervisors see every conversation of their workspace. */
  public boolean seesWholeWorkspace() {
    return ADMIN.equals(role) || SUPERVISOR.equals(role);
  }

  public Actor requireAdmin() {
    if (!isAdmin()) {
      throw new ForbiddenException("admin_only", "only an admin may do this");
    }
    return this;
  }
}
