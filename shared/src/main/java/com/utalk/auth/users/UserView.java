package com.utalk.auth.users;

/**
 * The user as API clients and audit entries see it; {@code status} is {@value #ACTIVE} or {@value
 * #DISABLED}.
 */
public record UserView(
    String id, String email, String name, String role, String workspaceId, String status) {
  public static final String ACTIVE = "active";
  public static final String DISABLED = "disabled";
}
