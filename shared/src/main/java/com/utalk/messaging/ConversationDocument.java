package com.utalk.messaging;

import com.google.cloud.firestore.DocumentSnapshot;
import com.utalk.storage.Timestamps;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/** Firestore form of {@link Conversation}. */
public final class ConversationDocument {
  private ConversationDocument() {}

  public static Map<String, Object> toMap(Conversation conversation) {
    Map<String, Object> map = new HashMap<>();
    map.put("workspaceId", conversation.workspaceId());
    map.put(
        "contact",
        Map.of(
            "phone",
            conversation.contact().phone(),
            "profileName",
            conversation.contact().profileName() == null
                ? ""
                : conversation.contact().profileName()));
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

  /**
   * The fields {@code after} changes relative to {@code before}, in their Firestore form: the
   * update of a change made with {@link Conversation#toBuilder()} (a field set back to null is
   * written as null, which is how Firestore clears it).
   */
  public static Map<String, Object> changes(Conversation before, Conversation after) {
    Map<String, Object> old = toMap(before);
    Map<String, Object> updates = new HashMap<>();
    toMap(after)
        .forEach(
            (field, value) -> {
              if (!Objects.equals(old.get(field), value)) {
                updates.put(field, value);
              }
            });
    return updates;
  }

  @SuppressWarnings("unchecked")
  public static Conversation fromSnapshot(DocumentSnapshot snapshot) {
    Map<String, Object> contact = (Map<String, Object>) snapshot.get("contact");
    Long messageCount = snapshot.getLong("messageCount");
    Long seq = snapshot.getLong("seq");
    return Conversation.builder()
        .id(snapshot.getId())
        .workspaceId(snapshot.getString("workspaceId"))
        .contact(
            new Conversation.Contact(
                contact == null ? null : (String) contact.get("phone"),
                contact == null ? null : (String) contact.get("profileName")))
        .businessNumber(snapshot.getString("businessNumber"))
        .status(ConversationStatus.fromWire(snapshot.getString("status")))
        .botEnabled(Boolean.TRUE.equals(snapshot.getBoolean("botEnabled")))
        .assignedAgentId(snapshot.getString("assignedAgentId"))
        .createdAt(Timestamps.toInstant(snapshot.get("createdAt")))
        .firstInboundAt(Timestamps.toInstant(snapshot.get("firstInboundAt")))
        .firstAgentReplyAt(Timestamps.toInstant(snapshot.get("firstAgentReplyAt")))
        .escalatedAt(Timestamps.toInstant(snapshot.get("escalatedAt")))
        .closedAt(Timestamps.toInstant(snapshot.get("closedAt")))
        .resolvedInFirstContact(snapshot.getBoolean("resolvedInFirstContact"))
        .lastMessageAt(Timestamps.toInstant(snapshot.get("lastMessageAt")))
        .lastInboundAt(Timestamps.toInstant(snapshot.get("lastInboundAt")))
        .awaitingReplySince(Timestamps.toInstant(snapshot.get("awaitingReplySince")))
        .messageCount(messageCount == null ? 0 : messageCount)
        .seq(seq == null ? 0 : seq)
        .build();
  }
}
