package com.utalk.media;

import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Firestore;
import com.utalk.messaging.MediaRef;
import com.utalk.messaging.Message;
import com.utalk.messaging.OutboundSendService;
import com.utalk.messaging.WhatsAppSender;
import com.utalk.storage.Collections;
import com.utalk.storage.FirestoreCalls;
import com.utalk.storage.Timestamps;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The sender's MediaUrl list: a signed GET URL (15 minutes, ample for Twilio's immediate fetch) for
 * each of the message's {@code mediaIds}, which must belong to the message's conversation. An
 * uploaded item is confirmed here (the object must exist, with an allowed type and size) and marked
 * {@code stored}. Anything missing fails the send for good rather than sending the message without
 * its attachment. The store is built on first use, so a sender with no media never needs storage
 * credentials.
 */
public final class SignedMediaUrls implements OutboundSendService.MediaUrls {
  private final Firestore firestore;
  private final Supplier<MediaStore> store;
  private final MediaPolicy policy;
  private final Clock clock;

  public SignedMediaUrls(
      Firestore firestore, Supplier<MediaStore> store, MediaPolicy policy, Clock clock) {
    this.firestore = firestore;
    this.store = store;
    this.policy = policy;
    this.clock = clock;
  }

  @Override
  public List<String> forMessage(Message message) throws WhatsAppSender.SendFailedException {
    List<String> urls = new ArrayList<>(message.media().stream().map(MediaRef::url).toList());
    for (String mediaId : message.mediaIds()) {
      DocumentReference ref = firestore.collection(Collections.MEDIA).document(mediaId);
      DocumentSnapshot snapshot = FirestoreCalls.await(ref.get());
      if (!snapshot.exists()
          || !message.workspaceId().equals(snapshot.getString("workspaceId"))
          || !message.conversationId().equals(snapshot.getString("conversationId"))) {
        throw refused(
            "media_not_found", "attachment " + mediaId + " does not belong to this conversation");
      }
      MediaItem item = MediaItem.fromSnapshot(snapshot);
      if (MediaItem.AWAITING_UPLOAD.equals(item.status())) {
        confirmUpload(ref, item, message.id());
      } else if (!item.isStored()) {
        throw refused("media_not_ready", "attachment " + mediaId + " is " + item.status());
      }
      urls.add(store.get().signedGetUrl(item.storagePath(), MediaUrlService.URL_TTL).url());
    }
    return urls;
  }

  private void confirmUpload(DocumentReference ref, MediaItem item, String messageId)
      throws WhatsAppSender.SendFailedException {
    Optional<MediaStore.StoredObject> object = store.get().stat(item.storagePath());
    if (object.isEmpty()) {
      throw refused("media_not_uploaded", "attachment " + item.id() + " was never uploaded");
    }
    String type = MediaPolicy.allowedType(object.get().contentType());
    if (type == null || object.get().size() > policy.maxBytes()) {
      throw refused("media_refused", "attachment " + item.id() + " has a refused type or size");
    }
    FirestoreCalls.await(
        ref.update(
            "status",
            MediaItem.STORED,
            "contentType",
            type,
            "size",
            object.get().size(),
            "messageId",
            messageId,
            "storedAt",
            Timestamps.of(clock.instant()),
            "updatedAt",
            Timestamps.of(clock.instant())));
  }

  private static WhatsAppSender.SendFailedException refused(String code, String message) {
    return new WhatsAppSender.SendFailedException(false, code, message, null);
  }
}
