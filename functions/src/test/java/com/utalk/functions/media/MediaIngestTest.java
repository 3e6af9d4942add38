package com.utalk.functions.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import com.google.pubsub.v1.PubsubMessage;
import com.utalk.bot.Actor;
import com.utalk.config.Settings;
import com.utalk.emulators.twilio.InboundWebhook;
import com.utalk.functions.messaging.WhatsAppInboundWebhook;
import com.utalk.functions.testing.FunctionServer;
import com.utalk.functions.testing.PubSubEvents;
import com.utalk.functions.testing.StackUnderTest;
import com.utalk.functions.wiring.Backend;
import com.utalk.json.Json;
import com.utalk.media.ConversationAccess;
import com.utalk.media.GcsMediaStore;
import com.utalk.media.MediaIngestService;
import com.utalk.media.MediaUrlService;
import com.utalk.platform.Topics;
import com.utalk.testing.EventTap;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The "Media no descarga" runbook's failures, made impossible or diagnosable: inbound media from
 * the real webhook through the ingest function into Cloud Storage (google-cloud-nio's in-memory
 * storage, fresh per test, URLs signed with a key generated here).
 */
class MediaIngestTest {
  private static final String BUCKET = "utalk-media-test";
  private static StackUnderTest stack;
  private static FunctionServer webhook;
  private static EventTap events;
  private static MediaHost twilioMedia;
  private static MediaHost forger;
  private static KeyPair signingKey;
  private static ServiceAccountCredentials signer;

  private Storage storage;
  private MediaIngester ingester;
  private Backend backend;

  @BeforeAll
  static void start() throws Exception {
    stack = new StackUnderTest();
    webhook = FunctionServer.http(WhatsAppInboundWebhook.class, stack.settings());
    events = EventTap.open(stack.env.pubsub(), Topics.CONVERSATION_EVENTS);
    twilioMedia = new MediaHost("twilio-media");
    forger = new MediaHost("forger");
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    signingKey = generator.generateKeyPair();
    signer =
        ServiceAccountCredentials.newBuilder()
            .setClientEmail("media-signer@utalk-test.iam.gserviceaccount.com")
            .setPrivateKey(signingKey.getPrivate())
            .setProjectId("utalk-test")
            .build();
  }

  @AfterAll
  static void stop() throws Exception {
    forger.close();
    twilioMedia.close();
    events.close();
    webhook.close();
    stack.close();
  }

  @BeforeEach
  void freshStorage() {
    storage = LocalStorageHelper.getOptions().getService();
    ingester = ingesterWith(Map.of());
  }

  private MediaIngester ingesterWith(Map<String, String> overrides) {
    Map<String, String> settings = new HashMap<>(stack.settings());
    // The only non-Twilio origin allowed: our stand-in for Twilio's media host. The forger runs
    // on the same machine, on another port, and must not be trusted.
    settings.put("MEDIA_EXTRA_ALLOWED_ORIGINS", twilioMedia.origin());
    settings.put("LOG_LEVEL", "warn");
    settings.putAll(overrides);
    backend = new Backend(Settings.of(settings), Clock.systemUTC());
    return new MediaIngester(
        backend, new GcsMediaStore(storage, BUCKET, signer, Clock.systemUTC()));
  }

  private static String twilioMediaPath() {
    return "/2010-04-01/Accounts/"
        + stack.account.accountSid()
        + "/Messages/MM"
        + UUID.randomUUID().toString().replace("-", "")
        + "/Media/ME"
        + UUID.randomUUID().toString().replace("-", "");
  }

  /**
   * A customer message carrying one attachment at {@code url}; returns its message.received event.
   */
  private static PubsubMessage customerSends(String from, String url, String declaredType) {
    InboundWebhook inbound = stack.inbound(from, "").withMedia(url, declaredType);
    assertEquals(200, stack.deliver(webhook.url(InboundWebhook.PATH), inbound).statusCode());
    String messageId = "in_" + inbound.messageSid();
    for (int i = 0; i < 400; i++) {
      for (PubsubMessage message : events.messages()) {
        if (messageId.equals(
            Json.read(message.getData().toByteArray()).path("payload").path("id").asText())) {
          return message;
        }
      }
      sleep(25);
    }
    throw new AssertionError("no message.received for " + messageId);
  }

  private void deliver(PubsubMessage event) throws Exception {
    ingester.accept(
        PubSubEvents.messagePublished(
            "ce-" + UUID.randomUUID(),
            stack.env.project().projectId(),
            Topics.CONVERSATION_EVENTS,
            event));
  }

  private static String messageIdOf(PubsubMessage event) {
    return Json.read(event.getData().toByteArray()).path("payload").path("id").asText();
  }

  private static DocumentSnapshot media(PubsubMessage event) throws Exception {
    return stack
        .env
        .firestore()
        .collection("media")
        .document(MediaIngestService.mediaIdFor(messageIdOf(event), 0))
        .get()
        .get();
  }

  private static String basicAuth() {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString(
                (stack.account.accountSid() + ":" + stack.account.authToken())
                    .getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void anImageIsDownloadedWithTwilioCredentialsStoredAndServedThroughAV4SignedUrl()
      throws Exception {
    byte[] image = new byte[1024 * 1024];
    new Random(42).nextBytes(image);
    String path = twilioMediaPath();
    twilioMedia.serve(path, "image/jpeg", image);
    PubsubMessage event = customerSends("+5215540000001", twilioMedia.url(path), "image/jpeg");

    long started = System.nanoTime();
    deliver(event);
    long ingestMs = (System.nanoTime() - started) / 1_000_000;
    System.out.printf("media ingest of a 1 MB image: %d ms%n", ingestMs);

    DocumentSnapshot media = media(event);
    assertEquals("stored", media.getString("status"));
    assertEquals("image/jpeg", media.getString("contentType"));
    assertEquals(image.length, media.getLong("size"));
    assertEquals(
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(image)),
        media.getString("sha256"));
    String conversationId = media.getString("conversationId");
    assertEquals(
        StackUnderTest.WORKSPACE + "/" + conversationId + "/" + media.getId(),
        media.getString("storagePath"));
    assertArrayEquals(
        image, storage.readAllBytes(BlobId.of(BUCKET, media.getString("storagePath"))));
    assertEquals(
        basicAuth(), twilioMedia.requests().get(twilioMedia.requests().size() - 1).authorization());
    DocumentSnapshot message =
        stack.env.firestore().collection("messages").document(messageIdOf(event)).get().get();
    assertEquals(List.of(media.getId()), message.get("mediaIds"));
    assertEquals(
        media.getId(),
        message.getString("mediaId"),
        "the operations reference's media-rate KPI reads mediaId");

    MediaUrlService urls =
        new MediaUrlService(
            stack.env.firestore(),
            new GcsMediaStore(storage, BUCKET, signer, Clock.systemUTC()),
            ConversationAccess.DEFAULT,
            Clock.systemUTC());
    MediaUrlService.MediaUrl signed =
        urls.signedUrl(new Actor("admin-1", StackUnderTest.WORKSPACE, "admin"), media.getId());
    Duration validFor = Duration.between(Instant.now(), signed.expiresAt());
    assertTrue(
        validFor.compareTo(Duration.ofMinutes(14)) > 0
            && validFor.compareTo(Duration.ofMinutes(15)) <= 0,
        validFor.toString());
    URI url = URI.create(signed.url());
    Map<String, String> query = query(url);
    assertEquals("GOOG4-RSA-SHA256", query.get("X-Goog-Algorithm"));
    assertEquals("900", query.get("X-Goog-Expires"));
    assertTrue(
        query
            .get("X-Goog-Credential")
            .startsWith("media-signer@utalk-test.iam.gserviceaccount.com/"));
    assertTrue(
        url.getRawPath().endsWith("/" + BUCKET + "/" + media.getString("storagePath")),
        url.getRawPath());
    assertTrue(
        v4SignatureValid(url, url.getRawPath()),
        "the signature verifies with the generated key's public half");
    String otherObject =
        url.getRawPath().replace(media.getId(), MediaIngestService.mediaIdFor("in_other", 0));
    assertFalse(v4SignatureValid(url, otherObject), "and does not cover another object");
  }

  @Test
  void aForgedMediaUrlNeverReceivesOurCredentials() throws Exception {
    String path = twilioMediaPath();
    forger.serve(path, "image/png", new byte[] {1, 2, 3});
    PubsubMessage forged = customerSends("+5215540000002", forger.url(path), "image/png");
    deliver(forged);
    DocumentSnapshot media = media(forged);
    assertEquals("failed", media.getString("status"));
    assertEquals("forbidden_host", media.getString("failureReason"));
    assertTrue(
        forger.requests().isEmpty(),
        "the forged host is never contacted, so it never sees an Authorization header");

    // Look-alike hosts are refused too (no request is made: these would not even resolve).
    for (String lookAlike :
        List.of(
            "https://api.twilio.com.evil.example" + path,
            "http://api.twilio.com" + path,
            "https://evil.example/api.twilio.com" + path,
            "https://user:pw@api.twilio.com" + path)) {
      PubsubMessage event = customerSends("+5215540000002", lookAlike, "image/png");
      deliver(event);
      assertEquals("forbidden_host", media(event).getString("failureReason"), lookAlike);
    }

    // Twilio's host redirecting to a plain-http host: the hop is refused, credentials stay home.
    String redirected = twilioMediaPath();
    twilioMedia.redirect(redirected, forger.url(path));
    PubsubMessage viaRedirect =
        customerSends("+5215540000002", twilioMedia.url(redirected), "image/png");
    deliver(viaRedirect);
    assertEquals("forbidden_host", media(viaRedirect).getString("failureReason"));
    assertTrue(forger.requests().isEmpty());
    assertTrue(storage.list(BUCKET).streamAll().findAny().isEmpty(), "nothing was stored");
  }

  @Test
  void mediaLargerThanTheCapIsRefusedWithoutStoringIt() throws Exception {
    ingester = ingesterWith(Map.of("MEDIA_MAX_BYTES", "262144"));
    byte[] video = new byte[300 * 1024];
    String declared = twilioMediaPath();
    twilioMedia.serve(declared, "video/mp4", video);
    PubsubMessage withLength =
        customerSends("+5215540000003", twilioMedia.url(declared), "video/mp4");
    deliver(withLength);
    assertEquals("failed", media(withLength).getString("status"));
    assertEquals("too_large", media(withLength).getString("failureReason"));

    // Without Content-Length the cap is enforced while streaming.
    String streamed = twilioMediaPath();
    twilioMedia.serveChunked(streamed, "video/mp4", video);
    PubsubMessage chunked = customerSends("+5215540000003", twilioMedia.url(streamed), "video/mp4");
    deliver(chunked);
    assertEquals("too_large", media(chunked).getString("failureReason"));
    assertTrue(storage.list(BUCKET).streamAll().findAny().isEmpty(), "nothing was stored");
    assertEquals(
        104857600L,
        com.utalk.media.MediaPolicy.DEFAULT_MAX_BYTES,
        "the operations reference's cap: 100 MB");
  }

  @Test
  void onlyTheSeedsMediaTypesAreAccepted() throws Exception {
    for (String type :
        List.of("application/octet-stream", "text/html", "application/x-msdownload")) {
      String path = twilioMediaPath();
      twilioMedia.serve(path, type, "<html>".getBytes(StandardCharsets.UTF_8));
      PubsubMessage event = customerSends("+5215540000004", twilioMedia.url(path), "image/jpeg");
      deliver(event);
      assertEquals("failed", media(event).getString("status"), type);
      assertEquals("unsupported_type", media(event).getString("failureReason"), type);
    }
    for (String type : List.of("application/pdf", "audio/ogg", "video/mp4", "image/webp")) {
      String path = twilioMediaPath();
      twilioMedia.serve(path, type, new byte[] {7, 7, 7});
      PubsubMessage event = customerSends("+5215540000004", twilioMedia.url(path), type);
      deliver(event);
      assertEquals("stored", media(event).getString("status"), type);
    }
  }

  @Test
  void aTransientFailureLeavesAFailedDocumentAndTheRetryCompletesIt() throws Exception {
    byte[] pdf = "%PDF-1.4 test".getBytes(StandardCharsets.UTF_8);
    String path = twilioMediaPath();
    twilioMedia.serve(path, "application/pdf", pdf);
    twilioMedia.failNext(1);
    PubsubMessage event = customerSends("+5215540000005", twilioMedia.url(path), "application/pdf");
    assertThrows(
        MediaIngestService.TransientMediaFailure.class,
        () -> deliver(event),
        "the invocation fails so that Pub/Sub redelivers");
    DocumentSnapshot failed = media(event);
    assertEquals("failed", failed.getString("status"));
    assertEquals("download_failed", failed.getString("failureReason"));
    assertTrue(failed.getString("failureDetail").contains("503"));

    deliver(event);
    DocumentSnapshot stored = media(event);
    assertEquals("stored", stored.getString("status"));
    assertNull(stored.getString("failureReason"));
    assertEquals(2L, stored.getLong("attempts"));
    assertArrayEquals(
        pdf, storage.readAllBytes(BlobId.of(BUCKET, stored.getString("storagePath"))));

    // A failed item can also be retried by hand once the cause is fixed.
    String later = twilioMediaPath();
    PubsubMessage missing =
        customerSends("+5215540000005", twilioMedia.url(later), "application/pdf");
    deliver(missing);
    assertEquals(
        "failed",
        media(missing).getString("status"),
        "404 from Twilio: permanent, not redelivered");
    twilioMedia.serve(later, "application/pdf", pdf);
    assertEquals(
        "stored",
        ingester.ingest().retry(StackUnderTest.WORKSPACE, media(missing).getId()).status());
  }

  // --- V4 signature check ----------------------------------------------------------------------

  private static Map<String, String> query(URI url) {
    Map<String, String> values = new TreeMap<>();
    for (String pair : url.getRawQuery().split("&")) {
      String[] kv = pair.split("=", 2);
      values.put(
          URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
          URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
    }
    return values;
  }

  /**
   * Rebuilds the V4 string-to-sign for a GET of {@code rawPath} and checks the URL's signature with
   * the public key.
   */
  private static boolean v4SignatureValid(URI url, String rawPath) throws Exception {
    TreeMap<String, String> rawParams = new TreeMap<>();
    for (String pair : url.getRawQuery().split("&")) {
      String[] kv = pair.split("=", 2);
      rawParams.put(kv[0], kv[1]);
    }
    String signature = rawParams.remove("X-Goog-Signature");
    StringBuilder canonicalQuery = new StringBuilder();
    rawParams.forEach(
        (k, v) ->
            canonicalQuery
                .append(canonicalQuery.length() == 0 ? "" : "&")
                .append(k)
                .append('=')
                .append(v));
    String canonicalRequest =
        String.join(
            "\n",
            "GET",
            rawPath,
            canonicalQuery,
            "host:" + url.getHost(),
            "",
            "host",
            "UNSIGNED-PAYLOAD");
    Map<String, String> decoded = query(url);
    String credential = decoded.get("X-Goog-Credential");
    String scope = credential.substring(credential.indexOf('/') + 1);
    String stringToSign =
        String.join(
            "\n",
            "GOOG4-RSA-SHA256",
            decoded.get("X-Goog-Date"),
            scope,
            HexFormat.of()
                .formatHex(
                    MessageDigest.getInstance("SHA-256")
                        .digest(canonicalRequest.getBytes(StandardCharsets.UTF_8))));
    Signature verifier = Signature.getInstance("SHA256withRSA");
    verifier.initVerify(signingKey.getPublic());
    verifier.update(stringToSign.getBytes(StandardCharsets.UTF_8));
    return verifier.verify(HexFormat.of().parseHex(signature));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
