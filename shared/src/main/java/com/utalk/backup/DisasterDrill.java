package com.utalk.backup;

import com.google.cloud.Timestamp;
import com.google.cloud.firestore.FieldPath;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.Query;
import com.utalk.maintenance.MaintenanceMode;
import com.utalk.storage.FirestoreCalls;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A disaster-recovery drill on a scratch database: load a realistic dataset, take the backup, keep
 * writing (the traffic between the last backup and the disaster), destroy every collection,
 * restore, and report the time of each step and what was lost. What is lost is exactly what was
 * written after the snapshot: that is the RPO of the backup schedule.
 */
public final class DisasterDrill {
  private final Firestore firestore;
  private final BackupBucket bucket;
  private final BackupSettings settings;

  public DisasterDrill(Firestore firestore, BackupBucket bucket, BackupSettings settings) {
    this.firestore = firestore;
    this.bucket = bucket;
    this.settings = settings;
  }

  public record Result(
      long documentsLoaded,
      long documentsBackedUp,
      long writesAfterSnapshot,
      long lostAfterRestore,
      long missingFromSnapshot,
      Map<String, Long> stepMillis,
      RestoreReport restore) {}

  public Result run(int conversations, int messagesEach, int lateMessages) throws Exception {
    Map<String, Long> steps = new LinkedHashMap<>();
    long t = System.nanoTime();
    long loaded = load(conversations, messagesEach);
    steps.put("load", millisSince(t));

    t = System.nanoTime();
    BackupOutcome backup =
        new FirestoreBackup(firestore, bucket, Clock.systemUTC(), settings).run("drill");
    steps.put("backup", millisSince(t));
    if (!backup.ok()) {
      throw new IllegalStateException("the drill's backup failed: " + backup.reason());
    }
    List<String> late = new ArrayList<>();
    try (BatchedWriter writer = new BatchedWriter(firestore)) {
      for (int i = 0; i < lateMessages; i++) {
        String path = "messages/late_" + i;
        late.add(path);
        writer.set(firestore.document(path), message("c00000", i), 200);
      }
    }

    t = System.nanoTime();
    destroy();
    steps.put("destroy", millisSince(t));

    t = System.nanoTime();
    RestoreReport report =
        new FirestoreRestore(
                firestore,
                bucket,
                new MaintenanceMode(firestore, Clock.systemUTC(), Duration.ZERO),
                Clock.systemUTC(),
                List.of(),
                settings.pageSize())
            .restore(backup.backupId());
    steps.put("restore", millisSince(t));

    long lost = 0;
    for (int i = 0; i < late.size(); i += 100) {
      var refs =
          late.subList(i, Math.min(late.size(), i + 100)).stream()
              .map(firestore::document)
              .toArray(com.google.cloud.firestore.DocumentReference[]::new);
      lost +=
          FirestoreCalls.await(firestore.getAll(refs), Duration.ofSeconds(60)).stream()
              .filter(doc -> !doc.exists())
              .count();
    }
    long restored = report.documents().values().stream().mapToLong(Long::longValue).sum();
    return new Result(
        loaded,
        backup.manifest().documents(),
        late.size(),
        lost,
        backup.manifest().documents() - (report.ok() ? restored : 0),
        steps,
        report);
  }

  /**
   * Users, conversations with their events, messages: the shape of a real workspace. Returns the
   * documents written.
   */
  public long load(int conversations, int messagesEach) {
    try (BatchedWriter writer = new BatchedWriter(firestore)) {
      for (int u = 0; u < 10; u++) {
        writer.set(
            firestore.document("users/agent" + u),
            Map.of(
                "email",
                "agent" + u + "@drill.example.com",
                "name",
                "Agent " + u,
                "role",
                "agent",
                "workspaceId",
                "drill",
                "passwordHash",
                "not-backed-up",
                "createdAt",
                Timestamp.now()),
            300);
      }
      for (int c = 0; c < conversations; c++) {
        String id = String.format("c%05d", c);
        writer.set(
            firestore.document("conversations/" + id),
            Map.of(
                "workspaceId",
                "drill",
                "status",
                "open",
                "contact",
                Map.of("phone", "+5215500" + String.format("%06d", c)),
                "lastSeq",
                (long) messagesEach,
                "assignee",
                firestore.document("users/agent" + (c % 10)),
                "lastMessageAt",
                Timestamp.now()),
            400);
        for (int m = 0; m < messagesEach; m++) {
          writer.set(firestore.document("messages/" + id + "_" + m), message(id, m), 400);
          writer.set(
              firestore.document("conversations/" + id + "/events/" + (m + 1)),
              Map.of("seq", (long) m + 1, "type", "message.received", "messageId", id + "_" + m),
              200);
        }
      }
      writer.flush();
      return writer.total();
    }
  }

  private static Map<String, Object> message(String conversation, int m) {
    return Map.of(
        "conversationId",
        conversation,
        "body",
        "Hola, necesito ayuda con mi pedido número " + m,
        "direction",
        m % 2 == 0 ? "inbound" : "outbound",
        "status",
        "delivered",
        "createdAt",
        Timestamp.now(),
        "metadata",
        Map.of("channel", "whatsapp", "sensitive", Map.of("note", "never backed up")));
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }

  /**
   * The disaster: every top-level collection and every backed-up subcollection emptied, page by
   * page in batched deletes (the restore's own wipe path). Not the client's recursiveDelete: on the
   * emulator its future never completed once the drill held a few thousand documents.
   */
  private void destroy() {
    List<Query> everything = new ArrayList<>();
    firestore.listCollections().forEach(everything::add);
    for (BackupCollection collection : BackupScope.COLLECTIONS) {
      if (collection.subcollection()) {
        everything.add(firestore.collectionGroup(collection.name()));
      }
    }
    try (BatchedWriter writer = new BatchedWriter(firestore)) {
      for (Query query : everything) {
        DocumentPages.forEach(
            query.select(FieldPath.documentId()),
            settings.pageSize(),
            DocumentPages::read,
            page -> page.forEach(doc -> writer.delete(doc.getReference())));
      }
      writer.flush();
    }
  }
}
