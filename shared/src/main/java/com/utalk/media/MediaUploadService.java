package com.utalk.media;

import com.google.cloud.firestore.Firestore;
import com.utalk.bot.Actor;
import com.utalk.errors.PayloadTooLargeException;
import com.utalk.errors.UnsupportedMediaTypeException;
import com.utalk.errors.ValidationException;
import com.utalk.messaging.Conversation;
import com.utalk.storage.Collections;
import com.utalk.storage.FirestoreCalls;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /api/media/uploads}: an agent announces an attachment (conversation, type, size) and
 * gets a signed PUT URL for it plus the {@code mediaId} to put on the message. The type and size
 * are checked against the operations reference's allowlist and cap before anything is signed, and
 * the URL only accepts that content type. The item stays {@code awaiting_upload} until the message
 * that carries it is sent, when the sender finds the object and signs a GET URL for Twilio.
 */
public final class MediaUploadService {
  static final Duration UPLOAD_TTL = Duration.ofMinutes(15);

  private final Firestore firestore;
  private final MediaStore store;
  private final MediaPolicy policy;
  private final MediaUrlService urls;
  private final Clock clock;

  public MediaUploadService(
      Firestore firestore,
      MediaStore store,
      MediaPolicy policy,
      MediaUrlService urls,
      Clock clock) {
    this.firestore = firestore;
    this.store = store;
    this.policy = policy;
    this.urls = urls;
    this.clock = clock;
  }

  public record UploadRequest(String conversationId, String contentType, long size) {}

  public record UploadTicket(
      String mediaId,
      String uploadUrl,
      String method,
      Map<String, String> headers,
      Instant expiresAt,
      long maxBytes) {}

  public UploadTicket create(Actor actor, UploadRequest request) {
    com.utalk.validation.DocumentId.require("conversationId", request.conversationId());
    String type = MediaPolicy.allowedType(request.contentType());
    if (type == null) {
      throw new UnsupportedMediaTypeException(
          "media_type_not_allowed", "allowed: image/*, audio/*, video/*, application/pdf");
    }
    if (request.size() <= 0) {
      throw new ValidationException("size", "size must be the file's size in bytes");
    }
    if (request.size() > policy.maxBytes()) {
      throw new PayloadTooLargeException(
          "media_too_large", "media may be at most " + policy.maxBytes() + " bytes");
    }
    Conversation conversation = urls.requireVisible(actor, request.conversationId());
    String mediaId = UUID.randomUUID().toString();
    String path = MediaStore.pathFor(actor.workspaceId(), conversation.id(), mediaId);
    Instant now = clock.instant();
    MediaItem item =
        new MediaItem(
            mediaId,
            actor.workspaceId(),
            conversation.id(),
            null,
            "outbound",
            MediaItem.AWAITING_UPLOAD,
            null,
            null,
            type,
            request.size(),
            null,
            path,
            null,
            type,
            0,
            now,
            now,
            null);
    FirestoreCalls.await(
        firestore.collection(Collections.MEDIA).document(mediaId).set(item.toMap()));
    MediaStore.SignedUrl url = store.signedPutUrl(path, type, UPLOAD_TTL);
    return new UploadTicket(
        mediaId,
        url.url(),
        "PUT",
        Map.of("Content-Type", type),
        url.expiresAt(),
        policy.maxBytes());
  }
}
