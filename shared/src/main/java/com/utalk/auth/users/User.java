package com.utalk.auth.users;

import com.utalk.auth.Role;
import java.time.Instant;

/**
 * A person who signs in. The password hash and refresh-token hashes live only in storage. A
 * disabled user cannot sign in or refresh, and their live sockets are closed.
 */
public record User(
    String id,
    String email,
    String name,
    Role role,
    String workspaceId,
    Instant createdAt,
    boolean disabled) {
  public UserView view() {
    return new UserView(
        id, email, name, role.wire(), workspaceId, disabled ? UserView.DISABLED : UserView.ACTIVE);
  }
}
