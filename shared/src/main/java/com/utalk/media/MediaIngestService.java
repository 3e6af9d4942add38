package com.utalk.media;

import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Firestore;
import com.utalk.errors.NotFoundException;
import com.utalk.errors.ValidationException;
import com.utalk.logging.Log;
import com.utalk.messaging.MediaRef;
import com.utalk.messaging.MessageView;
import com.utalk.storage.Collections;
import com.utalk.storage.FirestoreCalls;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Brings a customer's attachments into our storage: for each MediaUrlN of an inbound message, a
 * {@code media} document (id derived from the message id and position, so redelivery finds the same
 * one), a download from Twilio ({@link TwilioMediaDownloader}), and the object under {@code
 * workspace/conversation/mediaId}. A failure leaves the document {@code failed} with its reason;
 * transient ones are reported to the caller so the event is redelivered, and {@link #retry}
 * completes any failed item by hand.
 */
public final class MediaIngestService {
  private static final Log LOG = Log.get(MediaIngestService.class);

  private final Firestore firestore;
  private final TwilioMediaDownloader downloader;
  private final MediaStore store;
  private final Clock clock;

  public MediaIngestService(
      Firestore firestore, TwilioMediaDownloader downloader, MediaStore store, Clock clock) {
    this.firestore = firestore;
    this.downloader = downloader;
    this.store = store;
    this.clock = clock;
  }

  public static String mediaIdFor(String messageId, int index) {
    return UUID.nameUUIDFromBytes(
            ("media:" + messageId + "#" + index).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  /** Thrown after every item was tried when at least one failed transiently: redeliver to retry. */
  public static final class TransientMediaFailure extends Exception {
    public TransientMediaFailure(String message) {
      super(message);
    }
  }

  /** Ingests the attachments of an inbound message; returns the items as they ended up. */
  public List<MediaItem> ingest(String workspaceId, MessageView message)
      throws TransientMediaFailure {
    List<MediaItem> items = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < message.media().size(); i++) {
      MediaRef ref = message.media().get(i);
      String mediaId = mediaIdFor(message.id(), i);
      ids.add(mediaId);
      items.add(prepare(workspaceId, message, mediaId, ref));
    }
    if (ids.isEmpty()) {
      return items;
    }
    // The message points at its media from the start, so clients can show "downloading…".
    FirestoreCalls.await(
        firestore
            .collection(Collections.MESSAGES)
            .document(message.id())
            .update("mediaIds", ids, "mediaId", ids.get(0)));
    List<MediaItem> results = new ArrayList<>();
    int transientFailures = 0;
    for (MediaItem item : items) {
      Fetched result = item.isStored() ? new Fetched(item, false) : fetch(item);
      transientFailures += result.transientFailure() ? 1 : 0;
      results.add(result.item());
    }
    if (transientFailures > 0) {
      throw new TransientMediaFailure(
          transientFailures + " media item(s) failed transiently; redeliver to retry");
    }
    return results;
  }

  /** Tries a failed (or stuck) inbound item again; a stored one is returned as it is. */
  public MediaItem retry(String workspaceId, String mediaId) {
    DocumentSnapshot snapshot = FirestoreCalls.await(ref(mediaId).get());
    if (!snapshot.exists() || !workspaceId.equals(snapshot.getString("workspaceId"))) {
      throw new NotFoundException("media not found");
    }
    MediaItem item = MediaItem.fromSnapshot(snapshot);
    if (item.isStored()) {
      return item;
    }
    if (item.sourceUrl() == null) {
      throw new ValidationException("mediaId", "only downloaded (inbound) media can be retried");
    }
    return fetch(item).item();
  }

  private record Fetched(MediaItem item, boolean transientFailure) {}

  private MediaItem prepare(String workspaceId, MessageView message, String mediaId, MediaRef ref) {
    DocumentSnapshot existing = FirestoreCalls.await(ref(mediaId).get());
    if (existing.exists()) {
      return MediaItem.fromSnapshot(existing);
    }
    MediaItem item =
        new MediaItem(
            mediaId,
            workspaceId,
            message.conversationId(),
            message.id(),
            "inbound",
            MediaItem.PENDING,
            null,
            null,
            null,
            null,
            null,
            MediaStore.pathFor(workspaceId, message.conversationId(), mediaId),
            ref.url(),
            ref.contentType(),
            0,
            clock.instant(),
            clock.instant(),
            null);
    FirestoreCalls.await(ref(mediaId).set(item.toMap()));
    return item;
  }

  private Fetched fetch(MediaItem item) {
    MediaItem attempt = item.attempt(clock.instant());
    save(attempt);
    long started = System.nanoTime();
    TwilioMediaDownloader.Downloaded downloaded = null;
    try {
      downloaded = downloader.download(parse(item.sourceUrl()), item.declaredContentType());
      try {
        store.put(item.storagePath(), downloaded.contentType(), downloaded.file());
      } catch (IOException | RuntimeException e) {
        throw new MediaFailure(
            MediaFailure.STORAGE_FAILED,
            false,
            "could not store the media: " + e.getClass().getSimpleName(),
            e);
      }
      MediaItem stored =
          attempt.stored(
              downloaded.contentType(), downloaded.size(), downloaded.sha256(), clock.instant());
      save(stored);
      LOG.info(
          "media stored",
          "mediaId",
          item.id(),
          "conversationId",
          item.conversationId(),
          "contentType",
          stored.contentType(),
          "size",
          stored.size(),
          "latencyMs",
          (System.nanoTime() - started) / 1_000_000);
      return new Fetched(stored, false);
    } catch (MediaFailure failure) {
      MediaItem failed = attempt.failed(failure.code(), failure.getMessage(), clock.instant());
      save(failed);
      LOG.warn(
          "media download failed",
          "mediaId",
          item.id(),
          "conversationId",
          item.conversationId(),
          "reason",
          failure.code(),
          "permanent",
          failure.permanent(),
          "attempt",
          attempt.attempts());
      return new Fetched(failed, !failure.permanent());
    } finally {
      if (downloaded != null) {
        TwilioMediaDownloader.delete(downloaded.file());
      }
    }
  }

  private static URI parse(String url) throws MediaFailure {
    try {
      return URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new MediaFailure(MediaFailure.FORBIDDEN_HOST, true, "media URL is not a valid URL");
    }
  }

  private void save(MediaItem item) {
    FirestoreCalls.await(ref(item.id()).set(item.toMap()));
  }

  private DocumentReference ref(String mediaId) {
    return firestore.collection(Collections.MEDIA).document(mediaId);
  }
}
