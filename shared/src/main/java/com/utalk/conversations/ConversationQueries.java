package com.utalk.conversations;

import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.FieldPath;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.Query;
import com.google.cloud.firestore.QueryDocumentSnapshot;
import com.utalk.auth.Permission;
import com.utalk.auth.PermissionPolicy;
import com.utalk.auth.Principal;
import com.utalk.errors.ValidationException;
import com.utalk.messaging.Conversation;
import com.utalk.messaging.ConversationDocument;
import com.utalk.messaging.MessageDocument;
import com.utalk.messaging.MessageView;
import com.utalk.storage.Collections;
import com.utalk.storage.FirestoreCalls;
import com.utalk.storage.Timestamps;
import java.util.ArrayList;
import java.util.List;

/**
 * The read side of the agents' API. Every query is confined to the caller's workspace: listings
 * filter on it, and a single conversation of another workspace is answered exactly like a missing
 * one.
 */
public final class ConversationQueries {
  private final Firestore firestore;
  private final PermissionPolicy policy;

  public ConversationQueries(Firestore firestore, PermissionPolicy policy) {
    this.firestore = firestore;
    this.policy = policy;
  }

  /** Newest activity first (lastMessageAt, then id, both descending). */
  public Page<ConversationView> list(
      Principal caller, ConversationFilter filter, int limit, String cursor) {
    policy.check(caller, Permission.CONVERSATIONS_READ);
    Query query =
        firestore
            .collection(Collections.CONVERSATIONS)
            .whereEqualTo("workspaceId", caller.workspaceId());
    if (filter.status() != null) {
      query = query.whereEqualTo("status", filter.status().wire());
    }
    if (filter.botEnabled() != null) {
      query = query.whereEqualTo("botEnabled", filter.botEnabled());
    }
    if (filter.assignedTo() != null) {
      query = query.whereEqualTo("assignedAgentId", filter.assignedTo());
    }
    query =
        query
            .orderBy("lastMessageAt", Query.Direction.DESCENDING)
            .orderBy(FieldPath.documentId(), Query.Direction.DESCENDING);
    if (cursor != null) {
      ConversationCursor position = ConversationCursor.decode(cursor);
      query = query.startAfter(Timestamps.of(position.lastMessageAt()), position.id());
    }
    List<QueryDocumentSnapshot> docs =
        FirestoreCalls.await(query.limit(limit + 1).get()).getDocuments();
    List<ConversationView> items = new ArrayList<>();
    Conversation last = null;
    for (int i = 0; i < Math.min(limit, docs.size()); i++) {
      last = ConversationDocument.fromSnapshot(docs.get(i));
      items.add(ConversationView.of(last));
    }
    String next =
        docs.size() > limit
            ? new ConversationCursor(last.lastMessageAt(), last.id()).encode()
            : null;
    return new Page<>(items, next);
  }

  public ConversationView get(Principal caller, String conversationId) {
    return ConversationView.of(load(caller, conversationId));
  }

  /**
   * Newest first, by the conversation's sequence number: {@code before} is the {@code seq} of the
   * oldest message already shown. Messages arriving meanwhile get higher numbers, so older pages
   * never shift.
   */
  public Page<MessageView> messages(
      Principal caller, String conversationId, Long before, int limit) {
    Conversation conversation = load(caller, conversationId);
    if (before != null && before < 1) {
      throw new ValidationException("before", "before must be a positive message seq");
    }
    Query query =
        firestore
            .collection(Collections.MESSAGES)
            .whereEqualTo("conversationId", conversation.id())
            .orderBy("seq", Query.Direction.DESCENDING);
    if (before != null) {
      query = query.whereLessThan("seq", before);
    }
    List<QueryDocumentSnapshot> docs =
        FirestoreCalls.await(query.limit(limit + 1).get()).getDocuments();
    List<MessageView> items = new ArrayList<>();
    for (int i = 0; i < Math.min(limit, docs.size()); i++) {
      items.add(MessageView.of(MessageDocument.fromSnapshot(docs.get(i))));
    }
    String next = docs.size() > limit ? Long.toString(items.get(items.size() - 1).seq()) : null;
    return new Page<>(items, next);
  }

  private Conversation load(Principal caller, String conversationId) {
    if (!com.utalk.validation.DocumentId.isValid(conversationId)) {
      throw PermissionPolicy.notFound();
    }
    DocumentSnapshot doc =
        FirestoreCalls.await(
            firestore.collection(Collections.CONVERSATIONS).document(conversationId).get());
    if (!doc.exists()) {
      throw PermissionPolicy.notFound();
    }
    policy.check(caller, Permission.CONVERSATIONS_READ, doc.getString("workspaceId"));
    return ConversationDocument.fromSnapshot(doc);
  }
}
