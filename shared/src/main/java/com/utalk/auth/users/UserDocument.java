package com.utalk.auth.users;

import com.google.cloud.firestore.DocumentSnapshot;
import com.utalk.auth.Role;
import com.utalk.storage.Timestamps;
import java.util.HashMap;
import java.util.Map;

/**
 * Firestore form of a user. {@code refreshTokens} (hashes only) is written by the session code;
 * backups must leave out {@code passwordHash} and {@code refreshTokens}.
 */
public final class UserDocument {
  public static final String EMAIL = "email";
  public static final String NAME = "name";
  public static final String ROLE = "role";
  public static final String WORKSPACE_ID = "workspaceId";
  public static final String PASSWORD_HASH = "passwordHash";
  public static final String REFRESH_TOKENS = "refreshTokens";
  public static final String CREATED_AT = "createdAt";
  public static final String UPDATED_AT = "updatedAt";

  /**
   * Present and true while an admin has the account disabled; absent on accounts never disabled.
   */
  public static final String DISABLED = "disabled";

  public static final String DISABLED_AT = "disabledAt";

  private UserDocument() {}

  static Map<String, Object> toMap(User user, String passwordHash) {
    Map<String, Object> map = new HashMap<>();
    map.put(EMAIL, user.email());
    map.put(NAME, user.name());
    map.put(ROLE, user.role().wire());
    map.put(WORKSPACE_ID, user.workspaceId());
    map.put(PASSWORD_HASH, passwordHash);
    map.put(REFRESH_TOKENS, Map.of());
    map.put(CREATED_AT, Timestamps.of(user.createdAt()));
    map.put(UPDATED_AT, Timestamps.of(user.createdAt()));
    return map;
  }

  /**
   * A user whose stored role is unknown (hand-edited data) is treated as read-only rather than
   * failing every request that touches them.
   */
  public static User fromSnapshot(DocumentSnapshot doc) {
    return new User(
        doc.getId(),
        doc.getString(EMAIL),
        doc.getString(NAME),
        Role.find(doc.getString(ROLE)).orElse(Role.READONLY),
        doc.getString(WORKSPACE_ID),
        Timestamps.toInstant(doc.get(CREATED_AT)),
        Boolean.TRUE.equals(doc.getBoolean(DISABLED)));
  }

  @SuppressWarnings("unchecked")
  static StoredUser storedFromSnapshot(DocumentSnapshot doc) {
    Object families = doc.get(REFRESH_TOKENS);
    return new StoredUser(
        fromSnapshot(doc),
        doc.getString(PASSWORD_HASH),
        families instanceof Map<?, ?> map ? (Map<String, Object>) map : null);
  }
}
