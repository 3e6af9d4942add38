package com.utalk.emulators.bench;

import com.google.cloud.Timestamp;
import com.utalk.triggers.FirestoreChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * A realistic message lifecycle for the KPI benchmark: conversations that receive messages (each
 * message also bumps its conversation), outbound messages that go queued → sending → sent →
 * delivered (3% end failed), 20% of conversations escalated, 60% closed, some rated. Every document
 * version becomes the change event a Firestore trigger would receive.
 */
final class KpiWorkload {
  final List<FirestoreChange> changes = new ArrayList<>();

  /** Final state: collection → id → fields. */
  final Map<String, Map<String, Map<String, Object>>> finalState = new HashMap<>();

  int messages;

  /**
   * {@code hourSpread}: messages spread over that many hours from {@code start}; 1 = one hot hour.
   */
  static KpiWorkload generate(
      long seed,
      int messageTarget,
      List<String> workspaces,
      Instant start,
      int hourSpread,
      boolean withChanges) {
    KpiWorkload workload = new KpiWorkload();
    Random random = new Random(seed);
    int conversationIndex = 0;
    while (workload.messages < messageTarget) {
      String ws = workspaces.get(random.nextInt(workspaces.size()));
      Instant created = start.plusSeconds(random.nextInt(hourSpread * 3600));
      String conversationId = "c" + seed + "-" + conversationIndex++;
      Map<String, Object> conversation = new HashMap<>();
      conversation.put("workspaceId", ws);
      conversation.put("createdAt", ts(created));
      conversation.put("status", "open");
      conversation.put("messageCount", 0L);
      workload.version("conversations", conversationId, conversation, withChanges);
      int count = 2 + random.nextInt(9);
      for (int m = 0; m < count && workload.messages < messageTarget; m++) {
        long offset = created.getEpochSecond() - start.getEpochSecond() + m * 30L;
        Instant at = start.plusSeconds(Math.min(offset, hourSpread * 3600L - 1));
        workload.message(random, ws, conversationId, at, withChanges);
        conversation.put("messageCount", (long) m + 1);
        workload.version("conversations", conversationId, conversation, withChanges);
      }
      if (random.nextDouble() < 0.2) {
        conversation.put("status", "escalated");
        workload.version("conversations", conversationId, conversation, withChanges);
        Map<String, Object> escalation =
            Map.of(
                "workspaceId",
                ws,
                "conversationId",
                conversationId,
                "conversationCreatedAt",
                ts(created),
                "escalatedAt",
                ts(created.plusSeconds(random.nextInt(600))));
        workload.version(
            "escalations", "e" + conversationId, new HashMap<>(escalation), withChanges);
      }
      if (random.nextDouble() < 0.6) {
        conversation.put("status", "closed");
        conversation.put("resolvedInFirstContact", random.nextDouble() < 0.7);
        workload.version("conversations", conversationId, conversation, withChanges);
        if (random.nextDouble() < 0.4) {
          Map<String, Object> rating =
              Map.of(
                  "workspaceId",
                  ws,
                  "conversationId",
                  conversationId,
                  "kind",
                  "csat",
                  "score",
                  (long) (1 + random.nextInt(5)),
                  "createdAt",
                  ts(created.plusSeconds(60)));
          workload.version("ratings", conversationId + "_csat", new HashMap<>(rating), withChanges);
        }
      }
    }
    return workload;
  }

  private void message(
      Random random, String ws, String conversationId, Instant at, boolean withChanges) {
    String id = UUID.randomUUID().toString();
    Map<String, Object> message = new HashMap<>();
    message.put("workspaceId", ws);
    message.put("conversationId", conversationId);
    message.put("createdAt", ts(at));
    message.put("body", "x".repeat(40 + random.nextInt(160)));
    boolean media = random.nextDouble() < 0.15;
    message.put("hasMedia", media);
    message.put("mediaIds", media ? List.of("m-" + id) : List.of());
    messages++;
    if (random.nextDouble() < 0.5) {
      message.put("direction", "inbound");
      message.put("author", "customer");
      message.put("status", "received");
      message.put("botResponse", false);
      version("messages", id, message, withChanges);
      return;
    }
    boolean bot = random.nextDouble() < 0.6;
    message.put("direction", "outbound");
    message.put("author", bot ? "bot" : "agent:a" + random.nextInt(20));
    message.put("botResponse", bot);
    message.put("botResponseTime", bot ? (long) (300 + random.nextInt(3000)) : null);
    message.put("responseTime", bot ? null : (long) (2000 + random.nextInt(60000)));
    for (String status :
        random.nextDouble() < 0.03
            ? List.of("queued", "sending", "failed")
            : List.of("queued", "sending", "sent", "delivered")) {
      message.put("status", status);
      version("messages", id, message, withChanges);
    }
  }

  private void version(
      String collection, String id, Map<String, Object> fields, boolean withChanges) {
    Map<String, Map<String, Object>> docs =
        finalState.computeIfAbsent(collection, c -> new HashMap<>());
    Map<String, Object> before = docs.get(id);
    Map<String, Object> after = new HashMap<>(fields);
    docs.put(id, after);
    if (withChanges) {
      changes.add(
          new FirestoreChange(UUID.randomUUID().toString(), collection + "/" + id, before, after));
    }
  }

  static Timestamp ts(Instant instant) {
    return Timestamp.ofTimeSecondsAndNanos(instant.getEpochSecond(), instant.getNano());
  }
}
