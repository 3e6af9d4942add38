package com.utalk.functions.api;

import com.google.cloud.Timestamp;
import com.google.cloud.firestore.Firestore;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Conversations and messages written straight to Firestore in the messaging domain's stored shape
 * (field names of ConversationDocument / MessageDocument), so API tests need no webhook.
 */
public final class Fixtures {
  private static final AtomicLong PHONES = new AtomicLong(5215500000000L);

  private Fixtures() {}

  public static String conversation(
      Firestore firestore, String workspaceId, Instant lastMessageAt) {
    return conversation(firestore, workspaceId, lastMessageAt, "open", null, 0);
  }

  /** A conversation (and its contact thread) with {@code messages} inbound messages, seq 1..n. */
  public static String conversation(
      Firestore firestore,
      String workspaceId,
      Instant lastMessageAt,
      String status,
      String assignedAgentId,
      int messages) {
    String id = UUID.randomUUID().toString();
    String phone = "+" + PHONES.incrementAndGet();
    Map<String, Object> doc = new HashMap<>();
    doc.put("workspaceId", workspaceId);
    doc.put(
        "contact",
        Map.of("phone", phone, "profileName", "Cliente " + phone.substring(phone.length() - 4)));
    doc.put("businessNumber", "+14155238886");
    doc.put("status", status);
    doc.put("botEnabled", true);
    doc.put("assignedAgentId", assignedAgentId);
    doc.put("createdAt", ts(lastMessageAt.minusSeconds(3600)));
    doc.put("firstInboundAt", ts(lastMessageAt.minusSeconds(3600)));
    doc.put("lastMessageAt", ts(lastMessageAt));
    doc.put("lastInboundAt", ts(lastMessageAt));
    doc.put("awaitingReplySince", ts(lastMessageAt));
    doc.put("closedAt", "closed".equals(status) ? ts(lastMessageAt) : null);
    doc.put("resolvedInFirstContact", "closed".equals(status) ? Boolean.TRUE : null);
    doc.put("messageCount", (long) messages);
    doc.put("seq", (long) messages);
    try {
      var batch = firestore.batch();
      batch.set(firestore.collection("conversations").document(id), doc);
      batch.set(
          firestore.collection("contactThreads").document(workspaceId + "_" + phone.substring(1)),
          Map.of("conversationId", id, "workspaceId", workspaceId));
      for (int seq = 1; seq <= messages; seq++) {
        batch.set(
            firestore.collection("messages").document("in_SMfixture" + id.substring(0, 8) + seq),
            inbound(workspaceId, id, seq, lastMessageAt.minusSeconds(messages - seq)));
      }
      batch.commit().get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return id;
  }

  /**
   * A stored inbound media item of {@code conversationId} (its document only; signing needs no
   * object).
   */
  public static String storedMedia(Firestore firestore, String workspaceId, String conversationId) {
    String mediaId = UUID.randomUUID().toString();
    Instant now = Instant.now();
    com.utalk.media.MediaItem item =
        new com.utalk.media.MediaItem(
            mediaId,
            workspaceId,
            conversationId,
            "in_x",
            "inbound",
            "stored",
            null,
            null,
            "image/png",
            3L,
            "abc",
            com.utalk.media.MediaStore.pathFor(workspaceId, conversationId, mediaId),
            null,
            "image/png",
            1,
            now,
            now,
            now);
    try {
      firestore.collection("media").document(mediaId).set(item.toMap()).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return mediaId;
  }

  static Map<String, Object> inbound(
      String workspaceId, String conversationId, long seq, Instant at) {
    Map<String, Object> doc = new HashMap<>();
    doc.put("workspaceId", workspaceId);
    doc.put("conversationId", conversationId);
    doc.put("direction", "inbound");
    doc.put("author", "customer");
    doc.put("body", "mensaje " + seq);
    doc.put("mediaIds", List.of());
    doc.put("media", List.of());
    doc.put("hasMedia", false);
    doc.put("twilioSid", "SMfixture" + conversationId.substring(0, 8) + seq);
    doc.put("messageId", null);
    doc.put("status", "received");
    doc.put("createdAt", ts(at));
    doc.put("statusUpdatedAt", ts(at));
    doc.put("botResponse", false);
    doc.put("seq", seq);
    doc.put("metadata", Map.of());
    return doc;
  }

  private static Timestamp ts(Instant instant) {
    return Timestamp.ofTimeSecondsAndNanos(instant.getEpochSecond(), instant.getNano());
  }
}
