package com.utalk.auth.session;

import com.utalk.storage.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One login's chain of refresh tokens, stored under {@code users.refreshTokens.{familyId}}: the
 * hash of the one token that may be used next, and the hashes already used (to recognise a replay,
 * which revokes the family).
 */
record RefreshFamily(
    String currentHash, List<String> usedHashes, Instant createdAt, Instant expiresAt) {
  /** Replays older than this many rotations are no longer recognised as such (they just fail). */
  static final int MAX_USED = 50;

  static RefreshFamily start(String hash, Instant now, Instant expiresAt) {
    return new RefreshFamily(hash, List.of(), now, expiresAt);
  }

  RefreshFamily rotate(String newHash, Instant expiresAt) {
    List<String> used = new ArrayList<>(usedHashes);
    used.add(currentHash);
    while (used.size() > MAX_USED) {
      used.remove(0);
    }
    return new RefreshFamily(newHash, used, createdAt, expiresAt);
  }

  boolean expired(Instant now) {
    return !now.isBefore(expiresAt);
  }

  Map<String, Object> toMap() {
    Map<String, Object> map = new HashMap<>();
    map.put("current", currentHash);
    map.put("used", usedHashes);
    map.put("createdAt", Timestamps.of(createdAt));
    map.put("expiresAt", Timestamps.of(expiresAt));
    return map;
  }

  @SuppressWarnings("unchecked")
  static RefreshFamily fromMap(Object stored) {
    if (!(stored instanceof Map<?, ?> raw)) {
      return null;
    }
    Map<String, Object> map = (Map<String, Object>) raw;
    Object used = map.get("used");
    return new RefreshFamily(
        (String) map.get("current"),
        used instanceof List<?> list ? (List<String>) list : List.of(),
        Timestamps.toInstant(map.get("createdAt")),
        Timestamps.toInstant(map.get("expiresAt")));
  }
}
