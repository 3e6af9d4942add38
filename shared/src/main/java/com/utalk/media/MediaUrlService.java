package com.utalk.media;

import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.Query;
import com.google.cloud.firestore.QueryDocumentSnapshot;
import com.google.cloud.firestore.WriteBatch;
import com.utalk.bot.Actor;
import com.utalk.bot.AuditTrail;
import com.utalk.errors.ConflictException;
import com.utalk.errors.ForbiddenException;
import com.utalk.errors.NotFoundException;
import com.utalk.errors.ValidationException;
import com.utalk.logging.Log;
import com.utalk.messaging.Conversation;
import com.utalk.messaging.ConversationDocument;
import com.utalk.storage.Collections;
import com.utalk.storage.FirestoreCalls;
import com.utalk.storage.Timestamps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Signed GET URLs for stored media ({@code GET /api/media/{id}}), valid {@link #URL_TTL} (15
 * minutes), only for users who may see the conversation; and the runbook's {@code regenerate-urls},
 * which re-signs the URLs kept on media documents of a conversation or a time range (for clients
 * that cached an expired one).
 */
public final class MediaUrlService {
  public static final Duration URL_TTL = Duration.ofMinutes(15);

  /** One call re-signs at most this many; the answer says when there were more. */
  static final int MAX_REGENERATE = 1000;

  private static final Log LOG = Log.get(MediaUrlService.class);

  private final Firestore firestore;
  private final MediaStore store;
  private final ConversationAccess access;
  private final AuditTrail audit;
  private final Clock clock;

  public MediaUrlService(
      Firestore firestore, MediaStore store, ConversationAccess access, Clock clock) {
    this.firestore = firestore;
    this.store = store;
    this.access = access;
    this.audit = new AuditTrail(firestore);
    this.clock = clock;
  }

  public record MediaUrl(
      String mediaId, String url, Instant expiresAt, String contentType, Long size) {}

  public MediaUrl signedUrl(Actor actor, String mediaId) {
    MediaItem item = visibleMedia(actor, mediaId);
    if (!item.isStored()) {
      throw new ConflictException(
          "media_not_ready",
          "the media is "
              + item.status()
              + (item.failureReason() == null ? "" : " (" + item.failureReason() + ")"));
    }
    MediaStore.SignedUrl url = store.signedGetUrl(item.storagePath(), URL_TTL);
    LOG.info("media url signed", "mediaId", mediaId, "actorId", actor.userId());
    return new MediaUrl(mediaId, url.url(), url.expiresAt(), item.contentType(), item.size());
  }

  /**
   * The media document, if it exists in the actor's workspace and the actor may see its
   * conversation.
   */
  MediaItem visibleMedia(Actor actor, String mediaId) {
    if (!com.utalk.validation.DocumentId.isValid(mediaId)) {
      throw new NotFoundException("media not found");
    }
    DocumentSnapshot snapshot =
        FirestoreCalls.await(firestore.collection(Collections.MEDIA).document(mediaId).get());
    if (!snapshot.exists() || !actor.workspaceId().equals(snapshot.getString("workspaceId"))) {
      throw new NotFoundException("media not found");
    }
    MediaItem item = MediaItem.fromSnapshot(snapshot);
    requireVisible(actor, item.conversationId());
    return item;
  }

  Conversation requireVisible(Actor actor, String conversationId) {
    if (!com.utalk.validation.DocumentId.isValid(conversationId)) {
      throw new NotFoundException("conversation not found");
    }
    DocumentSnapshot conversation =
        FirestoreCalls.await(
            firestore.collection(Collections.CONVERSATIONS).document(conversationId).get());
    if (!conversation.exists()
        || !actor.workspaceId().equals(conversation.getString("workspaceId"))) {
      throw new NotFoundException("conversation not found");
    }
    Conversation loaded = ConversationDocument.fromSnapshot(conversation);
    if (!access.maySee(actor, loaded)) {
      throw new ForbiddenException("conversation_forbidden", "you may not see this conversation");
    }
    return loaded;
  }

  /** Which media to re-sign: one conversation, or a creation time range, or both. */
  public record RegenerateRequest(String conversationId, Instant from, Instant to) {}

  public record RegenerateResult(int regenerated, boolean truncated, Instant expiresAt) {}

  public RegenerateResult regenerate(Actor actor, RegenerateRequest request, String requestId) {
    actor.requireAdmin();
    if (request.conversationId() == null && request.from() == null && request.to() == null) {
      throw new ValidationException(
          "conversationId", "give a conversationId or a time range (from, to)");
    }
    if (request.conversationId() != null) {
      com.utalk.validation.DocumentId.require("conversationId", request.conversationId());
    }
    Query query =
        firestore
            .collection(Collections.MEDIA)
            .whereEqualTo("workspaceId", actor.workspaceId())
            .whereEqualTo("status", MediaItem.STORED);
    if (request.conversationId() != null) {
      query = query.whereEqualTo("conversationId", request.conversationId());
    }
    if (request.from() != null) {
      query = query.whereGreaterThanOrEqualTo("createdAt", Timestamps.of(request.from()));
    }
    if (request.to() != null) {
      query = query.whereLessThan("createdAt", Timestamps.of(request.to()));
    }
    List<QueryDocumentSnapshot> documents =
        FirestoreCalls.await(query.limit(MAX_REGENERATE + 1).get()).getDocuments();
    boolean truncated = documents.size() > MAX_REGENERATE;
    List<QueryDocumentSnapshot> batchable =
        truncated ? documents.subList(0, MAX_REGENERATE) : documents;
    Instant expiresAt = null;
    for (int start = 0; start < batchable.size(); start += 400) {
      WriteBatch batch = firestore.batch();
      for (QueryDocumentSnapshot document :
          batchable.subList(start, Math.min(batchable.size(), start + 400))) {
        MediaStore.SignedUrl url = store.signedGetUrl(document.getString("storagePath"), URL_TTL);
        expiresAt = url.expiresAt();
        batch.update(
            document.getReference(),
            "url",
            url.url(),
            "urlExpiresAt",
            Timestamps.of(url.expiresAt()));
      }
      FirestoreCalls.await(batch.commit());
    }
    int count = batchable.size();
    FirestoreCalls.await(
        firestore.runTransaction(
            tx ->
                audit.record(
                    tx,
                    new AuditTrail.Entry(
                        actor,
                        "media.regenerate_urls",
                        "media",
                        Map.of(
                            "conversationId",
                            String.valueOf(request.conversationId()),
                            "from",
                            String.valueOf(request.from()),
                            "to",
                            String.valueOf(request.to())),
                        Map.of("regenerated", count, "truncated", truncated)),
                    clock.instant(),
                    requestId)));
    LOG.warn(
        "media urls regenerated",
        "workspaceId",
        actor.workspaceId(),
        "actorId",
        actor.userId(),
        "count",
        count,
        "truncated",
        truncated);
    return new RegenerateResult(count, truncated, expiresAt);
  }
}
