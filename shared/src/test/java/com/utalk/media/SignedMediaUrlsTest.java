package com.utalk.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.firestore.DocumentSnapshot;
import com.utalk.messaging.Author;
import com.utalk.messaging.Direction;
import com.utalk.messaging.Message;
import com.utalk.messaging.MessageStatus;
import com.utalk.messaging.WhatsAppSender;
import com.utalk.testing.TestEnvironment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attachments of an agent's outbound message on the emulator and the local media store: each
 * becomes a signed URL Twilio can fetch, an upload is confirmed (type and size checked, marked
 * stored) on the way, and an attachment that is not this conversation's, not uploaded, refused or
 * not ready fails the send for good — the message is never sent without it.
 */
class SignedMediaUrlsTest {
  @TempDir Path root;
  private TestEnvironment env;
  private LocalMediaStore store;
  private SignedMediaUrls urls;

  @BeforeEach
  void start() {
    env = TestEnvironment.create();
    store =
        new LocalMediaStore(
            root,
            "signed-media-test-key".getBytes(StandardCharsets.UTF_8),
            "http://127.0.0.1:1",
            Clock.systemUTC());
    urls =
        new SignedMediaUrls(env.firestore(), () -> store, new MediaPolicy(64), Clock.systemUTC());
  }

  @AfterEach
  void stop() throws Exception {
    env.close();
  }

  private void media(String id, String conversation, String status) throws Exception {
    Map<String, Object> doc = new HashMap<>();
    doc.put("workspaceId", "ws-1");
    doc.put("conversationId", conversation);
    doc.put("status", status);
    doc.put("storagePath", "ws-1/" + conversation + "/" + id);
    env.firestore().collection("media").document(id).set(doc).get();
  }

  private void upload(String id, String type, int bytes) throws Exception {
    Path file = Files.createTempFile(root, "upload", ".bin");
    Files.write(file, new byte[bytes]);
    store.put("ws-1/c-1/" + id, type, file);
  }

  private static Message message(List<String> mediaIds) {
    return new Message(
        "m-1",
        "ws-1",
        "c-1",
        Direction.OUTBOUND,
        Author.agent("agent-1"),
        null,
        mediaIds,
        List.of(),
        null,
        null,
        MessageStatus.QUEUED,
        null,
        null,
        Instant.now(),
        null,
        false,
        null,
        null,
        1,
        null);
  }

  private WhatsAppSender.SendFailedException refused(String mediaId) {
    return assertThrows(
        WhatsAppSender.SendFailedException.class, () -> urls.forMessage(message(List.of(mediaId))));
  }

  @Test
  void storedAndJustUploadedAttachmentsBecomeSignedUrls() throws Exception {
    media("stored-1", "c-1", "stored");
    media("upload-1", "c-1", "awaiting_upload");
    upload("upload-1", "image/png", 10);

    List<String> signed = urls.forMessage(message(List.of("stored-1", "upload-1")));

    assertEquals(2, signed.size());
    assertTrue(signed.get(0).contains("/media/files/ws-1/c-1/stored-1?method=GET"), signed.get(0));
    DocumentSnapshot confirmed = env.firestore().document("media/upload-1").get().get();
    assertEquals("stored", confirmed.getString("status"));
    assertEquals("image/png", confirmed.getString("contentType"));
    assertEquals(10L, confirmed.getLong("size"));
    assertEquals("m-1", confirmed.getString("messageId"));
  }

  @Test
  void anAttachmentOfAnotherConversationOrNoneAtAllIsNotFound() throws Exception {
    media("theirs", "c-2", "stored");
    assertEquals("media_not_found", refused("theirs").code());
    assertEquals("media_not_found", refused("no-such-media").code());
    assertFalse(refused("theirs").isTransient(), "retrying cannot make it ours");
  }

  @Test
  void anUploadThatNeverHappenedOrIsRefusedFailsTheSend() throws Exception {
    media("never", "c-1", "awaiting_upload");
    assertEquals("media_not_uploaded", refused("never").code());

    media("exe", "c-1", "awaiting_upload");
    upload("exe", "application/x-msdownload", 10);
    assertEquals("media_refused", refused("exe").code());

    media("big", "c-1", "awaiting_upload");
    upload("big", "image/png", 65);
    assertEquals("media_refused", refused("big").code());
    assertEquals(
        "awaiting_upload",
        env.firestore().document("media/big").get().get().getString("status"),
        "a refused upload is not marked stored");
  }

  @Test
  void anInboundItemStillDownloadingIsNotReady() throws Exception {
    media("pending-1", "c-1", "pending");
    WhatsAppSender.SendFailedException notReady = refused("pending-1");
    assertEquals("media_not_ready", notReady.code());
    assertEquals("attachment pending-1 is pending", notReady.getMessage());
  }
}
