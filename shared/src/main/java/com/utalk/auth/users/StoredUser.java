package com.utalk.auth.users;

import java.util.Map;

/**
 * A user with what the login path needs from storage: the password hash and the ids of their
 * refresh-token families (hashes only). Not for rendering.
 */
public record StoredUser(User user, String passwordHash, Map<String, Object> refreshFamilies) {
  public StoredUser {
    refreshFamilies = refreshFamilies == null ? Map.of() : Map.copyOf(refreshFamilies);
  }

  @Override
  public String toString() {
    return "StoredUser[" + user + "]";
  }
}
