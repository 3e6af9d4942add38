package com.utalk.backup;

import com.google.cloud.Timestamp;
import com.google.cloud.firestore.Blob;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.GeoPoint;
import com.google.cloud.firestore.WriteBatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Realistic test data, loaded in batches: users, conversations with events, messages with every
 * Firestore type.
 */
final class Datasets {
  private Datasets() {}

  /**
   * Loads {@code conversations} conversations, each with 2 events and {@code messagesEach}
   * messages, plus 20 users.
   */
  static int load(Firestore db, int conversations, int messagesEach) throws Exception {
    List<Write> writes = new ArrayList<>();
    for (int u = 0; u < 20; u++) {
      Map<String, Object> user = new HashMap<>();
      user.put("email", "agent" + u + "@example.com");
      user.put("name", "Agent " + u);
      user.put("role", u == 0 ? "admin" : "agent");
      user.put("workspaceId", "ws1");
      user.put("passwordHash", "$argon2id$v=19$secret" + u);
      user.put("refreshTokens", Map.of("fam" + u, Map.of("tokenHash", "h" + u)));
      user.put("createdAt", Timestamp.ofTimeSecondsAndNanos(1_700_000_000L + u, 123_456_000));
      writes.add(new Write("users/u" + u, user));
      writes.add(new Write("userEmails/agent" + u + "@example.com", Map.of("uid", "u" + u)));
    }
    for (int c = 0; c < conversations; c++) {
      String conversation = String.format("c%05d", c);
      Map<String, Object> conv = new HashMap<>();
      conv.put("workspaceId", "ws1");
      conv.put("contactPhone", "+52155" + String.format("%08d", c));
      conv.put("status", c % 3 == 0 ? "closed" : "open");
      conv.put("lastSeq", 2L);
      conv.put("tags", List.of("vip", c % 2 == 0 ? "billing" : "support"));
      conv.put("createdAt", Timestamp.ofTimeSecondsAndNanos(1_700_000_000L + c, 1000));
      conv.put("assignee", db.document("users/u" + (c % 20)));
      writes.add(new Write("conversations/" + conversation, conv));
      for (int e = 1; e <= 2; e++) {
        writes.add(
            new Write(
                "conversations/" + conversation + "/events/" + e,
                Map.of("seq", (long) e, "type", "message.created")));
      }
      for (int m = 0; m < messagesEach; m++) {
        writes.add(new Write("messages/" + conversation + "_" + m, message(db, conversation, m)));
      }
    }
    // Not under conversations: must not be mistaken for a conversation's events.
    writes.add(new Write("elsewhere/x/events/1", Map.of("seq", 1L)));
    try {
      commit(db, writes);
    } finally {
      writes.clear();
    }
    return 20 * 2 + conversations * (3 + messagesEach);
  }

  static Map<String, Object> message(Firestore db, String conversation, int m) {
    Map<String, Object> msg = new HashMap<>();
    msg.put("conversationId", conversation);
    msg.put("body", "hola ñandú " + m + " \"quoted\" \n newline");
    msg.put("direction", m % 2 == 0 ? "inbound" : "outbound");
    msg.put("seq", (long) m);
    msg.put("score", m + 0.5);
    msg.put("wholeDouble", 3.0);
    msg.put("nan", Double.NaN);
    msg.put("read", m % 2 == 0);
    msg.put("nothing", null);
    msg.put("createdAt", Timestamp.ofTimeSecondsAndNanos(1_700_000_000L + m, 987_654_000));
    msg.put("raw", Blob.fromBytes(new byte[] {0, 1, 2, (byte) 255, (byte) m}));
    msg.put("where", new GeoPoint(19.4326, -99.1332));
    msg.put("conversation", db.document("conversations/" + conversation));
    msg.put(
        "metadata",
        Map.of(
            "sensitive",
            Map.of("cardLast4", "4242"),
            "channel",
            "whatsapp",
            "nested",
            Map.of(
                "$odd",
                "a key that looks like a tag",
                "list",
                List.of(1L, "two", Map.of("three", 3.25)))));
    return msg;
  }

  /**
   * A client with the long call timeouts that backup jobs use (the test default gives up after 3
   * s).
   */
  static Firestore jobClient(com.utalk.testing.TestEnvironment env) {
    return com.utalk.gcp.FirestoreProvider.create(
        env.project(), java.time.Duration.ofSeconds(60), java.time.Duration.ofSeconds(120));
  }

  record Write(String path, Map<String, Object> fields) {}

  static void commit(Firestore db, List<Write> writes) throws Exception {
    List<com.google.api.core.ApiFuture<?>> pending = new ArrayList<>();
    for (int i = 0; i < writes.size(); i += 500) {
      WriteBatch batch = db.batch();
      for (Write write : writes.subList(i, Math.min(writes.size(), i + 500))) {
        batch.set(db.document(write.path()), write.fields());
      }
      pending.add(batch.commit());
      if (pending.size() >= 4) {
        pending.remove(0).get();
      }
    }
    for (var future : pending) {
      future.get();
    }
  }
}
