package com.utalk.messaging;

import com.google.cloud.firestore.DocumentSnapshot;
import com.utalk.storage.Timestamps;
import java.util.HashMap;
import java.util.Map;

/** Firestore form of {@link Conversation}. */
public final class ConversationDocument {
  private ConversationDocument() {}

  public static Map<String, Object> toMap(Conversation conversation) {
    Map<String, Object> map = new HashMap<>();
    map.put("workspaceId", conversation.workspaceId());
    map.put("contact", Map.of(
        "phone", conversation.contact().phone(),
        "profileName", conversation.contact().profileName() == null ? "" : conversation.contact().profileName()));
    map.put("businessNumber", conversation.businessNumber());
    map.put("status", conversation.status().wire());
    map.put("botEnabled", conversation.botEnabled());
    map.put("assignedAgentId", conversation.assignedAgentId());
    map.put("createdAt", Timestamps.of(conversation.createdAt()));
    map.put("firstInboundAt", Timestamps.of(conversation.firstInboundAt()));
    map.put("firstAgentReplyAt", Timestamps.of(conversation.firstAgentReplyAt()));
    map.put("escalatedAt", Timestamps.of(conversation.escalatedAt()));
    map.put("closedAt", Timestamps.of(conversation.closedAt()));
    map.put("resolvedInFirstContact", conversation.resolvedInFirstContact());
    map.put("lastMessageAt", Timestamps.of(conversation.lastMessageAt()));
    map.put("lastInboundAt", Timestamps.of(conversation.lastInboundAt()));
    map.put("awaitingReplySince", Timestamps.of(conversation.awaitingReplySince()));
    map.put("messageCount", conversation.messageCount());
    map.put("seq", conversation.seq());
    return map;
  }

  @SuppressWarnings("unchecked")
  public static Conversation fromSnapshot(DocumentSnapshot snapshot) {
    Map<String, Object> contact = (Map<String, Object>) snapshot.get("contact");
    Long messageCount = snapshot.getLong("messageCount");
    Long seq = snapshot.getLong("seq");
    return new Conversation(
        snapshot.getId(),
        snapshot.getString("workspaceId"),
        new Conversation.Contact(
            contact == null ? null : (String) contact.get("phone"),
            contact == null ? null : (String) contact.get("profileName")),
        snapshot.getString("businessNumber"),
        ConversationStatus.fromWire(snapshot.getString("status")),
        Boolean.TRUE.equals(snapshot.getBoolean("botEnabled")),
        snapshot.getString("assignedAgentId"),
        Timestamps.toInstant(snapshot.get("createdAt")),
        Timestamps.toInstant(snapshot.get("firstInboundAt")),
        Timestamps.toInstant(snapshot.get("firstAgentReplyAt")),
        Timestamps.toInstant(snapshot.get("escalatedAt")),
        Timestamps.toInstant(snapshot.get("closedAt")),
        snapshot.getBoolean("resolvedInFirstContact"),
        Timestamps.toInstant(snapshot.get("lastMessageAt")),
        Timestamps.toInstant(snapshot.get("lastInboundAt")),
        Timestamps.toInstant(snapshot.get("awaitingReplySince")),
        messageCount == null ? 0 : messageCount,
        seq == null ? 0 : seq);
  }
}
