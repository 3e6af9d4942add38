package com.utalk.auth.users;

import com.utalk.auth.Role;
import java.time.Instant;

/** A person who signs in. The password hash and refresh-token hashes live only in storage. */
public record User(String id, String email, String name, Role role, String workspaceId, Instant createdAt) {
  public UserView view() {
    return new UserView(id, email, name, role.wire(), workspaceId);
  }
}
