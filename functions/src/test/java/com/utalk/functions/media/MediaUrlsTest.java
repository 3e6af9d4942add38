package com.utalk.functions.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.firestore.DocumentSnapshot;
import com.google.pubsub.v1.PubsubMessage;
import com.utalk.bot.Actor;
import com.utalk.config.Settings;
import com.utalk.emulators.http.HttpServers;
import com.utalk.emulators.twilio.InboundWebhook;
import com.utalk.emulators.twilio.SentMessage;
import com.utalk.errors.ConflictException;
import com.utalk.errors.ForbiddenException;
import com.utalk.errors.NotFoundException;
import com.utalk.errors.PayloadTooLargeException;
import com.utalk.errors.UnsupportedMediaTypeException;
import com.utalk.errors.ValidationException;
import com.utalk.escalation.EscalationService;
import com.utalk.functions.api.TestClock;
import com.utalk.functions.messaging.OutboundMessageSender;
import com.utalk.functions.messaging.WhatsAppInboundWebhook;
import com.utalk.functions.testing.FunctionServer;
import com.utalk.functions.testing.PubSubEvents;
import com.utalk.functions.testing.StackUnderTest;
import com.utalk.functions.wiring.Backend;
import com.utalk.json.Json;
import com.utalk.media.ConversationAccess;
import com.utalk.media.LocalMediaHttpHandler;
import com.utalk.media.LocalMediaStore;
import com.utalk.media.MediaItem;
import com.utalk.media.MediaPolicy;
import com.utalk.media.MediaStore;
import com.utalk.media.MediaUploadService;
import com.utalk.media.MediaUrlService;
import com.utalk.messaging.Author;
import com.utalk.messaging.OutboundMessageService;
import com.utalk.messaging.OutboundRequest;
import com.utalk.platform.Topics;
import com.utalk.testing.EventTap;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Signed URLs as users meet them: the local stack's store served over HTTP (expired or altered URLs
 * get 403), who may get a media URL, re-signing, and an agent's upload sent to WhatsApp with a
 * signed GET URL as MediaUrl.
 */
class MediaUrlsTest {
  private static final String KEY = "local-media-signing-key-for-tests-0123456789";
  private static final Actor ADMIN = new Actor("admin-1", StackUnderTest.WORKSPACE, "admin");
  private static final Actor SUPERVISOR =
      new Actor("sup-1", StackUnderTest.WORKSPACE, "supervisor");
  private static final Actor AGENT_1 = new Actor("agent-1", StackUnderTest.WORKSPACE, "agent");
  private static final Actor AGENT_2 = new Actor("agent-2", StackUnderTest.WORKSPACE, "agent");
  private static final Actor OTHER_ADMIN = new Actor("admin-9", "ws-other", "admin");

  private static StackUnderTest stack;
  private static FunctionServer webhook;
  private static EventTap events;
  private static EventTap commands;
  private static HttpServers.Running mediaServer;
  private static Path dir;
  private static TestClock clock;
  private static LocalMediaStore store;
  private static Backend backend;
  private static MediaHandlers handlers;
  private static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    stack = new StackUnderTest();
    webhook = FunctionServer.http(WhatsAppInboundWebhook.class, stack.settings());
    events = EventTap.open(stack.env.pubsub(), Topics.CONVERSATION_EVENTS);
    commands = EventTap.open(stack.env.pubsub(), Topics.OUTBOUND_MESSAGES);
    dir = Files.createTempDirectory("utalk-media-test");
    clock = new TestClock();
    mediaServer = HttpServers.start("127.0.0.1", 0, 4, "local-media");
    store =
        new LocalMediaStore(
            dir, KEY.getBytes(StandardCharsets.UTF_8), mediaServer.baseUrl(), clock);
    mediaServer
        .server()
        .createContext(
            LocalMediaStore.PATH_PREFIX,
            new LocalMediaHttpHandler(store, new MediaPolicy(1024 * 1024)));
    mediaServer.begin();
    Map<String, String> settings = new HashMap<>(stack.settings());
    settings.put("MEDIA_STORE", "local");
    settings.put("MEDIA_LOCAL_DIR", dir.toString());
    settings.put("MEDIA_URL_SIGNING_KEY", KEY);
    settings.put("MEDIA_PUBLIC_BASE_URL", mediaServer.baseUrl());
    settings.put("MEDIA_MAX_BYTES", Integer.toString(1024 * 1024));
    settings.put("LOG_LEVEL", "warn");
    backend = new Backend(Settings.of(settings), Clock.systemUTC());
    handlers =
        new MediaHandlers(
            MediaWiring.urls(backend, store, ConversationAccess.DEFAULT),
            MediaWiring.uploads(backend, store, ConversationAccess.DEFAULT));
  }

  @AfterAll
  static void stop() throws Exception {
    mediaServer.close();
    commands.close();
    events.close();
    webhook.close();
    stack.close();
  }

  /** The media server and the sender (system clock) must agree on the time again. */
  @AfterEach
  void resetClock() {
    clock.reset();
  }

  private static HttpResponse<byte[]> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private static HttpResponse<byte[]> put(String url, String contentType, byte[] body)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", contentType)
            .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String errorOf(HttpResponse<byte[]> response) {
    return Json.read(response.body()).path("error").asText();
  }

  /** A conversation opened by a customer; assigned to agent-1 when {@code assigned}. */
  private static String conversation(String from, boolean assigned) throws Exception {
    InboundWebhook inbound = stack.inbound(from, "hola");
    assertEquals(200, stack.deliver(webhook.url(InboundWebhook.PATH), inbound).statusCode());
    String conversationId =
        stack
            .env
            .firestore()
            .collection("messages")
            .document("in_" + inbound.messageSid())
            .get()
            .get()
            .getString("conversationId");
    if (assigned) {
      new EscalationService(stack.env.firestore(), backend.outbox(), Clock.systemUTC())
          .takeOver(StackUnderTest.WORKSPACE, conversationId, "agent-1", "req-assign");
    }
    return conversationId;
  }

  /** A stored media item of {@code conversationId} with {@code bytes} in the store. */
  private static String storedMedia(String conversationId, byte[] bytes, String status)
      throws Exception {
    String mediaId = UUID.randomUUID().toString();
    String path = MediaStore.pathFor(StackUnderTest.WORKSPACE, conversationId, mediaId);
    Path file = Files.createTempFile("m", ".bin");
    Files.write(file, bytes);
    store.put(path, "image/png", file);
    Instant now = Instant.now();
    MediaItem item =
        new MediaItem(
            mediaId,
            StackUnderTest.WORKSPACE,
            conversationId,
            "in_x",
            "inbound",
            status,
            status.equals("failed") ? "download_failed" : null,
            null,
            "image/png",
            (long) bytes.length,
            "abc",
            path,
            null,
            "image/png",
            1,
            now,
            now,
            now);
    stack.env.firestore().collection("media").document(mediaId).set(item.toMap()).get();
    return mediaId;
  }

  @Test
  void aSignedUrlWorksForFifteenMinutesAndNotAfterOrWhenAltered() throws Exception {
    String conversationId = conversation("+5215550000001", false);
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};
    String mediaId = storedMedia(conversationId, png, "stored");
    MediaUrlService.MediaUrl signed = handlers.get(ADMIN, mediaId);
    assertEquals(
        Duration.ofMinutes(15).toSeconds(),
        Duration.between(clock.instant(), signed.expiresAt()).toSeconds(),
        2);

    HttpResponse<byte[]> ok = get(signed.url());
    assertEquals(200, ok.statusCode());
    assertArrayEquals(png, ok.body());
    assertEquals("image/png", ok.headers().firstValue("Content-Type").orElse(null));

    String signature =
        signed.url().substring(signed.url().indexOf("signature=") + "signature=".length());
    String flipped =
        signed
            .url()
            .replace(
                "signature=" + signature,
                "signature=" + (signature.charAt(0) == 'A' ? 'B' : 'A') + signature.substring(1));
    assertEquals(403, get(flipped).statusCode());
    assertEquals("invalid_signature", errorOf(get(flipped)));
    String otherMedia = storedMedia(conversationId, new byte[] {9}, "stored");
    assertEquals(
        403,
        get(signed.url().replace(mediaId, otherMedia)).statusCode(),
        "a signature covers one object only");
    String longer = signed.url().replaceAll("expires=(\\d+)", "expires=9999999999");
    assertEquals(403, get(longer).statusCode(), "the expiry is signed too");
    assertEquals(
        403,
        put(signed.url(), "image/png", new byte[] {0}).statusCode(),
        "a GET URL does not allow uploads");
    assertEquals(
        403,
        get(signed.url().substring(0, signed.url().indexOf('?'))).statusCode(),
        "unsigned: refused");

    clock.advance(Duration.ofMinutes(14));
    assertEquals(200, get(signed.url()).statusCode());
    clock.advance(Duration.ofMinutes(2));
    HttpResponse<byte[]> expired = get(signed.url());
    assertEquals(403, expired.statusCode());
    assertEquals("expired_url", errorOf(expired));
    assertEquals(
        200,
        get(handlers.get(ADMIN, mediaId).url()).statusCode(),
        "asking again gives a fresh URL");
  }

  @Test
  void theLocalGatewayServesSignedMediaUrlsAndRefusesAlteredOnes() throws Exception {
    String conversationId = conversation("+5215550000005", false);
    try (com.utalk.emulators.gateway.Gateway gateway =
        com.utalk.emulators.gateway.Gateway.start(
            new com.utalk.emulators.gateway.RouteTable(List.of()))) {
      LocalMediaStore behindGateway =
          new LocalMediaStore(dir, KEY.getBytes(StandardCharsets.UTF_8), gateway.baseUrl(), clock);
      gateway.mount(
          LocalMediaStore.PATH_PREFIX,
          new LocalMediaHttpHandler(behindGateway, new MediaPolicy(1024)));
      String mediaId = storedMedia(conversationId, new byte[] {4, 2}, "stored");
      String url =
          behindGateway
              .signedGetUrl(
                  MediaStore.pathFor(StackUnderTest.WORKSPACE, conversationId, mediaId),
                  Duration.ofMinutes(15))
              .url();
      assertArrayEquals(new byte[] {4, 2}, get(url).body());
      assertEquals(403, get(url.replace("method=GET", "method=PUT")).statusCode());
    }
  }

  @Test
  void onlyUsersWhoMaySeeTheConversationGetAMediaUrl() throws Exception {
    String assigned = conversation("+5215550000002", true);
    String mediaId = storedMedia(assigned, new byte[] {1, 2}, "stored");
    assertEquals(200, get(handlers.get(AGENT_1, mediaId).url()).statusCode(), "the assigned agent");
    assertEquals(200, get(handlers.get(SUPERVISOR, mediaId).url()).statusCode());
    assertEquals(200, get(handlers.get(ADMIN, mediaId).url()).statusCode());
    ForbiddenException forbidden =
        assertThrows(ForbiddenException.class, () -> handlers.get(AGENT_2, mediaId));
    assertEquals(403, forbidden.status());
    assertEquals(
        404,
        assertThrows(NotFoundException.class, () -> handlers.get(OTHER_ADMIN, mediaId)).status(),
        "another workspace does not even learn that it exists");
    assertThrows(NotFoundException.class, () -> handlers.get(ADMIN, UUID.randomUUID().toString()));
    String failed = storedMedia(assigned, new byte[] {1}, "failed");
    ConflictException notReady =
        assertThrows(ConflictException.class, () -> handlers.get(ADMIN, failed));
    assertEquals("media_not_ready", notReady.code());
    assertTrue(
        notReady.getMessage().contains("download_failed"),
        "the reason is shown to whoever diagnoses it");
    String pending = storedMedia(assigned, new byte[] {1}, "pending");
    assertEquals(
        "the media is pending",
        assertThrows(ConflictException.class, () -> handlers.get(ADMIN, pending)).getMessage());
    assertThrows(
        NotFoundException.class,
        () -> handlers.get(ADMIN, "a/b"),
        "an id that cannot be a document is simply not found");
  }

  @Test
  void regenerateUrlsResignsAConversationsMediaForAdminsOnly() throws Exception {
    String conversationId = conversation("+5215550000003", false);
    String first = storedMedia(conversationId, new byte[] {1}, "stored");
    String second = storedMedia(conversationId, new byte[] {2}, "stored");
    storedMedia(conversationId, new byte[] {3}, "failed");
    assertThrows(
        ForbiddenException.class,
        () ->
            handlers.regenerate(
                AGENT_1, Json.object().put("conversationId", conversationId), "r1"));
    assertThrows(ValidationException.class, () -> handlers.regenerate(ADMIN, Json.object(), "r2"));

    MediaUrlService.RegenerateResult result =
        handlers.regenerate(
            ADMIN, Json.object().put("conversationId", conversationId), "req-regen-0001");
    assertEquals(2, result.regenerated(), "stored media only");
    for (String mediaId : List.of(first, second)) {
      DocumentSnapshot doc =
          stack.env.firestore().collection("media").document(mediaId).get().get();
      assertEquals(200, get(doc.getString("url")).statusCode());
    }
    assertEquals(
        1,
        stack
            .env
            .firestore()
            .collection("auditLogs")
            .whereEqualTo("requestId", "req-regen-0001")
            .get()
            .get()
            .size());
    MediaUrlService.RegenerateResult byTime =
        handlers.regenerate(
            ADMIN,
            Json.object()
                .put("from", Instant.now().minus(Duration.ofHours(1)).toString())
                .put("to", Instant.now().plusSeconds(60).toString()),
            "req-regen-0002");
    assertTrue(byTime.regenerated() >= 2);
  }

  @Test
  void anAgentsUploadGoesToWhatsAppAsASignedUrl() throws Exception {
    String conversationId = conversation("+5215550000004", true);
    byte[] photo = "fake-png-bytes".getBytes(StandardCharsets.UTF_8);
    assertThrows(
        UnsupportedMediaTypeException.class,
        () ->
            handlers.upload(
                AGENT_1,
                Json.object()
                    .put("conversationId", conversationId)
                    .put("contentType", "application/zip")
                    .put("size", 10)));
    assertThrows(
        PayloadTooLargeException.class,
        () ->
            handlers.upload(
                AGENT_1,
                Json.object()
                    .put("conversationId", conversationId)
                    .put("contentType", "image/png")
                    .put("size", 2 * 1024 * 1024)));
    assertThrows(
        ForbiddenException.class,
        () ->
            handlers.upload(
                AGENT_2,
                Json.object()
                    .put("conversationId", conversationId)
                    .put("contentType", "image/png")
                    .put("size", photo.length)));

    MediaUploadService.UploadTicket ticket =
        handlers.upload(
            AGENT_1,
            Json.object()
                .put("conversationId", conversationId)
                .put("contentType", "image/png")
                .put("size", photo.length));
    assertEquals("PUT", ticket.method());
    assertEquals(
        403,
        put(ticket.uploadUrl(), "text/html", photo).statusCode(),
        "the URL is bound to the announced type");
    assertEquals(200, put(ticket.uploadUrl(), "image/png", photo).statusCode());

    OutboundMessageService outbound =
        new OutboundMessageService(
            stack.env.firestore(), backend.outbox(), backend.publisher(), Clock.systemUTC());
    String withPhoto = UUID.randomUUID().toString();
    outbound.queue(
        new OutboundRequest(
            StackUnderTest.WORKSPACE,
            conversationId,
            withPhoto,
            "aquí está",
            List.of(ticket.mediaId()),
            Author.agent("agent-1"),
            null),
        "req-out-photo");
    String neverUploaded = UUID.randomUUID().toString();
    MediaUploadService.UploadTicket unused =
        handlers.upload(
            AGENT_1,
            Json.object()
                .put("conversationId", conversationId)
                .put("contentType", "image/png")
                .put("size", 5));
    outbound.queue(
        new OutboundRequest(
            StackUnderTest.WORKSPACE,
            conversationId,
            neverUploaded,
            null,
            List.of(unused.mediaId()),
            Author.agent("agent-1"),
            null),
        "req-out-missing");
    OutboundMessageSender sender = new OutboundMessageSender(backend);
    for (String messageId : List.of(withPhoto, neverUploaded)) {
      sender.accept(
          PubSubEvents.messagePublished(
              "ce-" + messageId,
              stack.env.project().projectId(),
              Topics.OUTBOUND_MESSAGES,
              commandFor(messageId)));
    }

    List<SentMessage> sent =
        stack.twilio.sends().stream()
            .filter(s -> s.to().equals("whatsapp:+5215550000004"))
            .toList();
    assertEquals(
        1, sent.size(), "the message whose attachment never arrived is not sent without it");
    assertEquals(1, sent.get(0).mediaUrls().size());
    String mediaUrl = sent.get(0).mediaUrls().get(0);
    assertTrue(mediaUrl.startsWith(mediaServer.baseUrl() + LocalMediaStore.PATH_PREFIX), mediaUrl);
    HttpResponse<byte[]> fetched = get(mediaUrl);
    assertEquals(200, fetched.statusCode(), "Twilio can fetch it");
    assertArrayEquals(photo, fetched.body());
    DocumentSnapshot media =
        stack.env.firestore().collection("media").document(ticket.mediaId()).get().get();
    assertEquals("stored", media.getString("status"));
    assertEquals(withPhoto, media.getString("messageId"));
    DocumentSnapshot failed =
        stack.env.firestore().collection("messages").document(neverUploaded).get().get();
    assertEquals("failed", failed.getString("status"));
    assertEquals("media_not_uploaded", failed.getString("errorCode"));
  }

  private static PubsubMessage commandFor(String messageId) {
    for (int i = 0; i < 800; i++) {
      for (PubsubMessage command : commands.messages()) {
        if (messageId.equals(command.getAttributesOrDefault("messageId", ""))) {
          return command;
        }
      }
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    throw new AssertionError("no outbound command for " + messageId);
  }
}
