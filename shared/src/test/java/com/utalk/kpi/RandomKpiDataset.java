package com.utalk.kpi;

import com.google.cloud.Timestamp;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.WriteBatch;
import com.utalk.storage.Collections;
import com.utalk.storage.FirestoreCalls;
import com.utalk.triggers.DocumentValues;
import com.utalk.triggers.FirestoreChange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * A randomized history of conversations, messages, escalations and ratings: every document with
 * every version it went through (outbound statuses advancing, conversations escalating and closing,
 * ratings deleted), across several workspaces and days. It yields the final state (what Firestore
 * holds) and the change events a trigger would receive, one per version transition.
 */
final class RandomKpiDataset {
  static final Instant START = Instant.parse("2026-03-02T00:00:00Z");

  final List<Doc> docs = new ArrayList<>();
  final List<String> workspaces;
  final int messages;

  /** A document and its versions in order; a null version means "deleted". */
  record Doc(String collection, String id, List<Map<String, Object>> versions) {
    Map<String, Object> last() {
      return versions.get(versions.size() - 1);
    }

    String path() {
      return collection + "/" + id;
    }
  }

  RandomKpiDataset(long seed, int workspaceCount, int days, int minMessages) {
    Random random = new Random(seed);
    workspaces = new ArrayList<>();
    for (int w = 0; w < workspaceCount; w++) {
      workspaces.add("ws-" + (char) ('a' + w));
    }
    int messageCount = 0;
    int conversationIndex = 0;
    while (messageCount < minMessages) {
      String ws = workspaces.get(random.nextInt(workspaces.size()));
      Instant created = START.plusSeconds(random.nextInt(days * 86_400));
      String conversationId = "c" + conversationIndex++;
      List<Map<String, Object>> versions = new ArrayList<>();
      Map<String, Object> conversation = new HashMap<>();
      conversation.put("workspaceId", ws);
      conversation.put("createdAt", ts(created));
      conversation.put("status", "open");
      conversation.put("messageCount", 0L);
      conversation.put("resolvedInFirstContact", null);
      versions.add(copy(conversation));
      // Most updates of a conversation move no counter (a new message bumps messageCount).
      int bumps = 1 + random.nextInt(3);
      for (int b = 0; b < bumps; b++) {
        conversation.put("messageCount", (long) b + 1);
        versions.add(copy(conversation));
      }
      boolean escalated = random.nextDouble() < 0.25;
      if (escalated) {
        Instant escalatedAt = created.plusSeconds(30 + random.nextInt(1800));
        conversation.put("status", "escalated");
        conversation.put("escalatedAt", ts(escalatedAt));
        versions.add(copy(conversation));
        Map<String, Object> escalation = new HashMap<>();
        escalation.put("workspaceId", ws);
        escalation.put("conversationId", conversationId);
        escalation.put("conversationCreatedAt", ts(created));
        escalation.put("escalatedAt", ts(escalatedAt));
        escalation.put("reason", "customer_asked");
        escalation.put("trigger", "keyword");
        docs.add(new Doc(Collections.ESCALATIONS, "e" + conversationId, List.of(escalation)));
      }
      boolean closed = random.nextDouble() < 0.6;
      if (closed) {
        conversation.put("status", "closed");
        conversation.put("closedAt", ts(created.plusSeconds(3600 + random.nextInt(7200))));
        conversation.put("resolvedInFirstContact", !escalated && random.nextDouble() < 0.75);
        versions.add(copy(conversation));
        if (random.nextDouble() < 0.5) {
          docs.add(
              rating(
                  random,
                  ws,
                  conversationId,
                  "csat",
                  1 + random.nextInt(5),
                  created.plusSeconds(7200 + random.nextInt(3600))));
        }
        if (random.nextDouble() < 0.3) {
          docs.add(
              rating(
                  random,
                  ws,
                  conversationId,
                  "nps",
                  random.nextInt(11),
                  created.plusSeconds(7300 + random.nextInt(3600))));
        }
      }
      docs.add(new Doc(Collections.CONVERSATIONS, conversationId, versions));

      int count = 2 + random.nextInt(10);
      for (int m = 0; m < count; m++) {
        docs.add(
            message(
                random, ws, conversationId, created.plusSeconds(m * 40L + random.nextInt(5400))));
        messageCount++;
      }
    }
    this.messages = messageCount;
  }

  private static Doc message(Random random, String ws, String conversationId, Instant createdAt) {
    Map<String, Object> message = new HashMap<>();
    message.put("workspaceId", ws);
    message.put("conversationId", conversationId);
    message.put("createdAt", ts(createdAt));
    boolean inbound = random.nextDouble() < 0.45;
    boolean media = random.nextDouble() < 0.2;
    message.put("hasMedia", media);
    message.put("mediaIds", media && !inbound ? List.of("m" + random.nextInt(1000)) : List.of());
    List<Map<String, Object>> versions = new ArrayList<>();
    if (inbound) {
      message.put("direction", "inbound");
      message.put("author", "customer");
      message.put("status", "received");
      message.put("botResponse", false);
      versions.add(copy(message));
      return new Doc(Collections.MESSAGES, "in_" + UUID.randomUUID(), versions);
    }
    message.put("direction", "outbound");
    boolean bot = random.nextDouble() < 0.5;
    message.put("author", bot ? "bot" : "agent:u" + random.nextInt(5));
    message.put("botResponse", bot);
    message.put(
        "botResponseTime",
        bot && random.nextDouble() < 0.95 ? (long) (200 + random.nextInt(4000)) : null);
    message.put(
        "responseTime",
        !bot && random.nextDouble() < 0.6 ? (long) (1000 + random.nextInt(60000)) : null);
    message.put("status", "queued");
    versions.add(copy(message));
    double fate = random.nextDouble();
    List<String> path =
        fate < 0.05
            ? List.of("sending", "failed")
            : fate < 0.07
                ? List.of("sending", "sent", "undelivered")
                : fate < 0.09
                    ? List.of(
                        "sending", "failed", "delivered") // evidence of delivery outranks a failure
                    : fate < 0.6
                        ? List.of("sending", "sent", "delivered", "read")
                        : List.of("sending", "sent", "delivered");
    for (String status : path) {
      message.put("status", status);
      versions.add(copy(message));
    }
    return new Doc(Collections.MESSAGES, UUID.randomUUID().toString(), versions);
  }

  private static Doc rating(
      Random random, String ws, String conversationId, String kind, int score, Instant at) {
    Map<String, Object> rating = new HashMap<>();
    rating.put("workspaceId", ws);
    rating.put("conversationId", conversationId);
    rating.put("kind", kind);
    rating.put("score", (long) score);
    rating.put("createdAt", ts(at));
    List<Map<String, Object>> versions = new ArrayList<>();
    versions.add(rating);
    if (random.nextDouble() < 0.05) {
      versions.add(null); // erased on the customer's request
    }
    return new Doc(Collections.RATINGS, conversationId + "_" + kind, versions);
  }

  /**
   * One change event per version transition, with payloads round-tripped through the Eventarc
   * protobuf.
   */
  List<FirestoreChange> changes() {
    List<FirestoreChange> changes = new ArrayList<>();
    for (Doc doc : docs) {
      Map<String, Object> before = null;
      for (Map<String, Object> version : doc.versions()) {
        changes.add(
            new FirestoreChange(
                UUID.randomUUID().toString(), doc.path(), viaProto(before), viaProto(version)));
        before = version;
      }
    }
    return changes;
  }

  /** Writes the final state with batched writes (500 per batch, several batches in flight). */
  void writeFinalState(Firestore firestore) {
    List<com.google.api.core.ApiFuture<?>> inFlight = new ArrayList<>();
    WriteBatch batch = firestore.batch();
    int pending = 0;
    for (Doc doc : docs) {
      if (doc.last() == null) {
        continue;
      }
      batch.set(firestore.collection(doc.collection()).document(doc.id()), doc.last());
      if (++pending == 500) {
        inFlight.add(batch.commit());
        batch = firestore.batch();
        pending = 0;
        if (inFlight.size() >= 4) {
          FirestoreCalls.await(inFlight.remove(0), Duration.ofSeconds(60));
        }
      }
    }
    if (pending > 0) {
      inFlight.add(batch.commit());
    }
    inFlight.forEach(future -> FirestoreCalls.await(future, Duration.ofSeconds(60)));
  }

  private static Map<String, Object> viaProto(Map<String, Object> fields) {
    return fields == null
        ? null
        : DocumentValues.toJava(DocumentValues.toProto(fields, "projects/p/databases/(default)"));
  }

  private static Map<String, Object> copy(Map<String, Object> map) {
    return new HashMap<>(map);
  }

  static Timestamp ts(Instant instant) {
    return Timestamp.ofTimeSecondsAndNanos(instant.getEpochSecond(), instant.getNano());
  }
}
