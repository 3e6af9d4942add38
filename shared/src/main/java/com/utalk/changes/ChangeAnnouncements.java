package com.utalk.changes;

import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.Query;
import com.google.cloud.firestore.QueryDocumentSnapshot;
import com.utalk.json.Json;
import com.utalk.storage.FirestoreCalls;
import com.utalk.storage.Timestamps;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code api.changes}: a release announces its changelog section by writing
 * {@code apiChanges/{version}} (publishing the same version again only moves its
 * {@code publishedAt}, the content is the changelog's); the realtime service reads the newest
 * one and tells every socket ({@code api:changes}). One document per release: the collection
 * grows by a few a year and only its newest document is read.
 */
public final class ChangeAnnouncements {
  public static final String COLLECTION = "apiChanges";
  public static final String EVENT_TYPE = "api.changes";

  private final Firestore firestore;
  private final Clock clock;

  public ChangeAnnouncements(Firestore firestore, Clock clock) {
    this.firestore = firestore;
    this.clock = clock;
  }

  /** What the front end receives: {@code {type, version, changes, migrationGuide, publishedAt}}. */
  public record Announcement(String type, String version, List<ApiChange> changes, String migrationGuide, Instant publishedAt) {
    public Map<String, Object> payload() {
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("type", type);
      payload.put("version", version);
      payload.put("changes", Json.mapper().convertValue(changes, List.class));
      payload.put("migrationGuide", migrationGuide);
      payload.put("publishedAt", publishedAt.toString());
      return payload;
    }
  }

  public Announcement publish(Release release) {
    Announcement announcement = new Announcement(EVENT_TYPE, release.version(), release.changes(), release.migrationGuide(), clock.instant());
    Map<String, Object> doc = new LinkedHashMap<>(announcement.payload());
    doc.put("publishedAt", Timestamps.of(announcement.publishedAt()));
    FirestoreCalls.await(firestore.collection(COLLECTION).document(release.version()).set(doc));
    return announcement;
  }

  /** The newest announcement, if any release was announced. */
  @SuppressWarnings("unchecked")
  public Optional<Announcement> latest() {
    List<QueryDocumentSnapshot> docs = FirestoreCalls.await(
        firestore.collection(COLLECTION).orderBy("publishedAt", Query.Direction.DESCENDING).limit(1).get()).getDocuments();
    if (docs.isEmpty()) {
      return Optional.empty();
    }
    DocumentSnapshot doc = docs.get(0);
    List<Map<String, Object>> stored = (List<Map<String, Object>>) doc.get("changes");
    List<ApiChange> changes = stored == null ? List.of() : stored.stream()
        .map(change -> new ApiChange(ChangeType.valueOf(String.valueOf(change.get("type")).toUpperCase(java.util.Locale.ROOT)),
            (String) change.get("endpoint"), (String) change.get("description"), (String) change.get("migration")))
        .toList();
    return Optional.of(new Announcement(EVENT_TYPE, doc.getString("version"), changes, doc.getString("migrationGuide"),
        Timestamps.toInstant(doc.get("publishedAt"))));
  }
}
