package com.utalk.media;

import com.google.cloud.firestore.DocumentSnapshot;
import com.utalk.storage.Timestamps;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A {@code media/{mediaId}} document: one attachment, inbound (downloaded from Twilio) or outbound
 * (uploaded by an agent). {@code status} is {@code pending}, {@code stored}, {@code failed} (with
 * {@code failureReason}) or {@code awaiting_upload}.
 */
public record MediaItem(
    String id,
    String workspaceId,
    String conversationId,
    String messageId,
    String direction,
    String status,
    String failureReason,
    String failureDetail,
    String contentType,
    Long size,
    String sha256,
    String storagePath,
    String sourceUrl,
    String declaredContentType,
    long attempts,
    Instant createdAt,
    Instant updatedAt,
    Instant storedAt) {

  public static final String PENDING = "pending";
  public static final String STORED = "stored";
  public static final String FAILED = "failed";
  public static final String AWAITING_UPLOAD = "awaiting_upload";

  public boolean isStored() {
    return STORED.equals(status);
  }

  public Map<String, Object> toMap() {
    Map<String, Object> map = new HashMap<>();
    map.put("workspaceId", workspaceId);
    map.put("conversationId", conversationId);
    map.put("messageId", messageId);
    map.put("direction", direction);
    map.put("status", status);
    map.put("failureReason", failureReason);
    map.put("failureDetail", failureDetail);
    map.put("contentType", contentType);
    map.put("size", size);
    map.put("sha256", sha256);
    map.put("storagePath", storagePath);
    map.put("sourceUrl", sourceUrl);
    map.put("declaredContentType", declaredContentType);
    map.put("attempts", attempts);
    map.put("createdAt", Timestamps.of(createdAt));
    map.put("updatedAt", Timestamps.of(updatedAt));
    map.put("storedAt", Timestamps.of(storedAt));
    return map;
  }

  public static MediaItem fromSnapshot(DocumentSnapshot s) {
    Long attempts = s.getLong("attempts");
    return new MediaItem(
        s.getId(),
        s.getString("workspaceId"),
        s.getString("conversationId"),
        s.getString("messageId"),
        s.getString("direction"),
        s.getString("status"),
        s.getString("failureReason"),
        s.getString("failureDetail"),
        s.getString("contentType"),
        s.getLong("size"),
        s.getString("sha256"),
        s.getString("storagePath"),
        s.getString("sourceUrl"),
        s.getString("declaredContentType"),
        attempts == null ? 0 : attempts,
        Timestamps.toInstant(s.get("createdAt")),
        Timestamps.toInstant(s.get("updatedAt")),
        Timestamps.toInstant(s.get("storedAt")));
  }

  MediaItem attempt(Instant now) {
    return new MediaItem(
        id,
        workspaceId,
        conversationId,
        messageId,
        direction,
        PENDING,
        null,
        null,
        contentType,
        size,
        sha256,
        storagePath,
        sourceUrl,
        declaredContentType,
        attempts + 1,
        createdAt,
        now,
        storedAt);
  }

  MediaItem stored(String type, long bytes, String hash, Instant now) {
    return new MediaItem(
        id,
        workspaceId,
        conversationId,
        messageId,
        direction,
        STORED,
        null,
        null,
        type,
        bytes,
        hash,
        storagePath,
        sourceUrl,
        declaredContentType,
        attempts,
        createdAt,
        now,
        now);
  }

  MediaItem failed(String reason, String detail, Instant now) {
    return new MediaItem(
        id,
        workspaceId,
        conversationId,
        messageId,
        direction,
        FAILED,
        reason,
        detail,
        contentType,
        size,
        sha256,
        storagePath,
        sourceUrl,
        declaredContentType,
        attempts,
        createdAt,
        now,
        storedAt);
  }
}
