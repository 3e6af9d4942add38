package com.utalk.auth.users;

import com.utalk.auth.Role;

/** What creating a user takes. {@code password} is the clear text, hashed before storage. */
public record NewUser(String email, String name, Role role, String workspaceId, String password) {
  @Override
  public String toString() {
    return "NewUser[email=" + email + ", role=" + role + ", workspaceId=" + workspaceId + "]";
  }
}
