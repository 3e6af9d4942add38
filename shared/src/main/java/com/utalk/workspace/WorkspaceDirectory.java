package com.utalk.workspace;

import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.WriteBatch;
import com.utalk.messaging.PhoneNumber;
import com.utalk.storage.Collections;
import com.utalk.storage.FirestoreCalls;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps a WhatsApp sender number (Twilio's {@code To}) to the workspace that owns it. Lookups are
 * cached briefly per instance: the mapping changes rarely and every inbound message needs it.
 */
public final class WorkspaceDirectory {
  private static final Duration CACHE_TTL = Duration.ofSeconds(60);

  private final Firestore firestore;
  private final Clock clock;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  public WorkspaceDirectory(Firestore firestore, Clock clock) {
    this.firestore = firestore;
    this.clock = clock;
  }

  public Optional<String> workspaceForNumber(PhoneNumber number) {
    Instant now = clock.instant();
    Cached cached = cache.get(number.e164());
    if (cached != null && cached.expiresAt().isAfter(now)) {
      return cached.workspaceId();
    }
    DocumentSnapshot snapshot =
        FirestoreCalls.await(
            firestore.collection(Collections.WHATSAPP_NUMBERS).document(number.e164()).get());
    Optional<String> workspaceId =
        Optional.ofNullable(snapshot.exists() ? snapshot.getString("workspaceId") : null);
    cache.put(number.e164(), new Cached(workspaceId, now.plus(CACHE_TTL)));
    return workspaceId;
  }

  public Optional<Workspace> find(String workspaceId) {
    DocumentSnapshot snapshot =
        FirestoreCalls.await(
            firestore.collection(Collections.WORKSPACES).document(workspaceId).get());
    if (!snapshot.exists()) {
      return Optional.empty();
    }
    @SuppressWarnings("unchecked")
    List<String> numbers = (List<String>) snapshot.get("whatsappNumbers");
    return Optional.of(
        new Workspace(
            workspaceId, snapshot.getString("name"), numbers == null ? List.of() : numbers));
  }

  /**
   * Creates or replaces a workspace and claims its numbers (idempotent; used by seeding and admin).
   */
  public void save(Workspace workspace) {
    WriteBatch batch = firestore.batch();
    batch.set(
        firestore.collection(Collections.WORKSPACES).document(workspace.id()),
        Map.of(
            "name",
            workspace.name(),
            "whatsappNumbers",
            workspace.whatsappNumbers(),
            "createdAt",
            clock.instant().toString()));
    for (String number : workspace.whatsappNumbers()) {
      batch.set(
          firestore
              .collection(Collections.WHATSAPP_NUMBERS)
              .document(PhoneNumber.parse(number).e164()),
          Map.of("workspaceId", workspace.id()));
    }
    FirestoreCalls.await(batch.commit());
    workspace.whatsappNumbers().forEach(number -> cache.remove(PhoneNumber.parse(number).e164()));
  }

  private record Cached(Optional<String> workspaceId, Instant expiresAt) {}
}
