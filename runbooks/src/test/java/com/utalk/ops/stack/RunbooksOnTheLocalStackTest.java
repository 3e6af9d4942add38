package com.utalk.ops.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.QueryDocumentSnapshot;
import com.utalk.emulators.seed.DemoSeed;
import com.utalk.gcp.FirestoreProvider;
import com.utalk.gcp.GcpProject;
import com.utalk.json.Json;
import com.utalk.messaging.Message;
import com.utalk.storage.Collections;
import com.utalk.storage.FirestoreCalls;
import com.utalk.storage.Timestamps;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Each runbook proven on the real local stack: a healthy stack is OK for all of them; then, one
 * after another, the fault each runbook is for is injected, {@code diagnose} must name it, {@code
 * fix} (where there is one) must repair it, and the symptom must be gone as a user would see it (a
 * webhook stored, a login 200, a media URL downloading, an event delivered, the bot silent). One
 * stack for the class: faults are injected and repaired in sequence.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunbooksOnTheLocalStackTest {
  static final List<String> RUNBOOKS =
      com.utalk.ops.cli.Commands.all().stream().map(com.utalk.ops.cli.OpsCommand::name).toList();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static LocalStack stack;
  private static Firestore firestore;

  @BeforeAll
  static void startTheStack() throws Exception {
    stack = new LocalStack();
    firestore =
        FirestoreProvider.create(
            new GcpProject(
                "utalk-local", "127.0.0.1:" + stack.env.get("UTALK_FIRESTORE_PORT"), null));
  }

  @AfterAll
  static void stopTheStack() throws Exception {
    if (firestore != null) {
      firestore.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  @Order(1)
  void aHealthyStackIsOkForEveryRunbook() throws Exception {
    assertEquals(0, stack.dev("backup"), "a verified backup, as the daily run leaves");
    JsonNode first = customerWrites(newCustomer(), "hola, ¿tienen envío?");
    assertEquals(200, first.path("webhookStatus").asInt(), first.toString());
    awaitStored(first.path("sid").asText());
    for (String runbook : RUNBOOKS) {
      LocalStack.Ops diagnose = stack.ops(runbook, "diagnose");
      assertEquals("OK", diagnose.verdict(), runbook + ":\n" + diagnose.out() + diagnose.err());
      assertEquals(0, diagnose.exitCode(), runbook);
    }
    LocalStack.Ops json = stack.ops("whatsapp", "diagnose", "--json");
    JsonNode node = Json.read(json.out().trim().getBytes(StandardCharsets.UTF_8));
    assertEquals("ok", node.path("outcome").asText());
    assertTrue(node.path("evidence").toString().contains("webhook requests since"), json.out());
  }

  @Test
  @Order(10)
  void whatsappWebhookUrlAtTwilioPointingElsewhere() throws Exception {
    configureWebhook("http://127.0.0.1:9/webhooks/twilio/whatsapp");
    JsonNode lost = customerWrites(newCustomer(), "¿hay alguien?");
    assertEquals(0, lost.path("webhookStatus").asInt(), "the message never reached us");

    LocalStack.Ops diagnose = stack.ops("whatsapp", "diagnose");
    assertEquals(1, diagnose.exitCode(), diagnose.out());
    assertTrue(
        diagnose
            .verdict()
            .startsWith(
                "the webhook URL at Twilio for " + DemoSeed.WHATSAPP_NUMBER + " points elsewhere"),
        diagnose.out());
    assertTrue(diagnose.verdict().endsWith("next: runbooks/ops whatsapp fix"), diagnose.out());
    System.out.println("[whatsapp, webhook elsewhere] " + diagnose.verdict());

    assertEquals(
        4,
        stack.ops("whatsapp", "fix").exitCode(),
        "without --yes and without a terminal nothing changes");
    assertEquals("http://127.0.0.1:9/webhooks/twilio/whatsapp", webhookAtTwilio());
    LocalStack.Ops fix = stack.ops("whatsapp", "fix", "--yes");
    assertEquals(0, fix.exitCode(), fix.out());
    System.out.println("[whatsapp, webhook elsewhere] fix: " + fix.verdict());
    assertEquals(stack.url("UTALK_GATEWAY_PORT") + "/webhooks/twilio/whatsapp", webhookAtTwilio());
    assertAudited("ops.twilio_webhook_url");
    LocalStack.Ops again = stack.ops("whatsapp", "fix", "--yes");
    assertTrue(again.verdict().startsWith("OK — nothing to fix"), again.out());

    JsonNode delivered = customerWrites(newCustomer(), "ahora sí");
    assertEquals(200, delivered.path("webhookStatus").asInt());
    awaitStored(delivered.path("sid").asText());
    LocalStack.Ops after = stack.ops("whatsapp", "diagnose");
    assertTrue(
        after.verdict().startsWith("1 of "),
        "what Twilio could not deliver is reported as lost:\n" + after.out());
    assertTrue(after.out().contains(lost.path("sid").asText()), after.out());
  }

  @Test
  @Order(11)
  void whatsappPublicBaseUrlMismatchMakesEveryWebhook403() throws Exception {
    // Twilio posts to (and signs for) another name of the same host: the function checks against
    // PUBLIC_BASE_URL
    configureWebhook(
        "http://localhost:" + stack.env.get("UTALK_GATEWAY_PORT") + "/webhooks/twilio/whatsapp");
    JsonNode refused = customerWrites(newCustomer(), "hola");
    assertEquals(403, refused.path("webhookStatus").asInt());

    LocalStack.Ops diagnose = stack.ops("whatsapp", "diagnose", "--since", "2m");
    assertEquals(1, diagnose.exitCode(), diagnose.out());
    assertTrue(diagnose.verdict().startsWith("PUBLIC_BASE_URL mismatch"), diagnose.out());
    assertTrue(diagnose.verdict().contains("403 invalid_signature"), diagnose.out());
    System.out.println("[whatsapp, PUBLIC_BASE_URL mismatch] " + diagnose.verdict());

    assertEquals(0, stack.ops("whatsapp", "fix", "--yes").exitCode());
    JsonNode delivered = customerWrites(newCustomer(), "hola de nuevo");
    assertEquals(200, delivered.path("webhookStatus").asInt());
    awaitStored(delivered.path("sid").asText());
  }

  @Test
  @Order(13)
  void whatsappAuthTokenRotatedAtTwilioButNotInTheEnvironment() throws Exception {
    standIn(
        "POST", "/_standin/auth-token", Map.of("authToken", "1111111111111111111111111111cafe"));
    try {
      JsonNode refused = customerWrites(newCustomer(), "hola");
      assertEquals(
          403,
          refused.path("webhookStatus").asInt(),
          "signed with a token the function does not have");

      LocalStack.Ops diagnose = stack.ops("whatsapp", "diagnose");
      assertEquals(1, diagnose.exitCode(), diagnose.out());
      assertTrue(
          diagnose.verdict().startsWith("Twilio refuses the environment's credentials (20003)"),
          diagnose.out());
      assertFalse(
          diagnose.out().contains("0000000000000000000000000000beef")
              || diagnose.out().contains("cafe"),
          "no auth token is ever printed");
      System.out.println("[whatsapp, auth token mismatch] " + diagnose.verdict());
      LocalStack.Ops fix = stack.ops("whatsapp", "fix", "--yes");
      assertEquals(
          1, fix.exitCode(), "nothing the tool may change fixes a token: it says so\n" + fix.out());
    } finally {
      // what the operator does: the environment's token and the console's agree again
      standIn(
          "POST",
          "/_standin/auth-token",
          Map.of("authToken", com.utalk.emulators.twilio.TwilioAccount.LOCAL.authToken()));
    }
    JsonNode delivered = customerWrites(newCustomer(), "hola otra vez");
    assertEquals(200, delivered.path("webhookStatus").asInt());
    awaitStored(delivered.path("sid").asText());
  }

  @Test
  @Order(12)
  void whatsappFirestoreUnreachable() throws Exception {
    stack.signal("firestore-emulator", "STOP");
    try {
      LocalStack.Ops diagnose = stack.ops("whatsapp", "diagnose");
      assertEquals(1, diagnose.exitCode(), diagnose.out());
      assertTrue(
          diagnose
              .verdict()
              .startsWith(
                  "Firestore unreachable: /health/database answered 503 database_unavailable"),
          diagnose.out());
      System.out.println("[whatsapp, Firestore unreachable] " + diagnose.verdict());
    } finally {
      stack.signal("firestore-emulator", "CONT");
    }
    awaitTrue(
        "the database answers again",
        () -> statusOf(stack.url("UTALK_GATEWAY_PORT") + "/health/database") == 200);
    JsonNode delivered = customerWrites(newCustomer(), "¿ya funciona?");
    assertEquals(200, delivered.path("webhookStatus").asInt());
    awaitStored(delivered.path("sid").asText());
  }

  @Test
  @Order(20)
  void realtimeSubscriptionDeleted() throws Exception {
    JsonNode before = socketHealth();
    String subscription = before.path("subscription").path("name").asText();
    try (com.utalk.gcp.PubSubTransport pubsub =
            new com.utalk.gcp.PubSubTransport(
                new GcpProject(
                    "utalk-local", null, "127.0.0.1:" + stack.env.get("UTALK_PUBSUB_PORT")));
        com.google.cloud.pubsub.v1.SubscriptionAdminClient admin = pubsub.subscriptionAdmin()) {
      admin.deleteSubscription(
          com.google.pubsub.v1.ProjectSubscriptionName.of("utalk-local", subscription));
    }

    LocalStack.Ops diagnose = stack.ops("realtime", "diagnose");
    assertEquals(1, diagnose.exitCode(), diagnose.out());
    assertTrue(
        diagnose
            .verdict()
            .startsWith("the instance's subscription " + subscription + " is gone at Pub/Sub"),
        diagnose.out());
    assertTrue(
        diagnose.verdict().endsWith("next: runbooks/ops realtime fix (restarts the instance)"),
        diagnose.out());
    System.out.println("[realtime, subscription deleted] " + diagnose.verdict());

    LocalStack.Ops fix = stack.ops("realtime", "fix", "--yes");
    assertEquals(0, fix.exitCode(), fix.out() + "\n" + stack.launcherLog());
    System.out.println("[realtime, subscription deleted] fix: " + fix.verdict());
    assertAudited("ops.realtime_restart");
    JsonNode after = socketHealth();
    assertFalse(
        after.path("instanceId").asText().equals(before.path("instanceId").asText()),
        "a new instance");
    assertTrue(stack.ops("realtime", "fix", "--yes").verdict().startsWith("OK — nothing to fix"));

    // the symptom is gone: a customer's message is delivered to the (new) instance
    Instant sent = Instant.now();
    customerWrites(newCustomer(), "¿me escuchan?");
    JsonNode delivered =
        await(
            "the event reached the instance",
            () -> {
              JsonNode health = socketHealth();
              JsonNode events = health.path("events");
              return events.path("delivered").asLong() > 0
                      && events.hasNonNull("lastEventAt")
                      && !Instant.parse(events.path("lastEventAt").asText())
                          .isBefore(sent.minusSeconds(1))
                  ? health
                  : null;
            });
    assertEquals("ok", delivered.path("status").asText());
    assertEquals(
        "OK", stack.ops("realtime", "diagnose").verdict(), stack.ops("realtime", "diagnose").out());
  }

  @Test
  @Order(21)
  void realtimeEventStoredButNeverPublished() throws Exception {
    // what a request that died between its commit and its publish leaves, five minutes ago
    String conversation = "conv-crashed-" + java.util.UUID.randomUUID();
    var event =
        firestore
            .collection("conversations")
            .document(conversation)
            .collection("events")
            .document("0000000001");
    FirestoreCalls.await(
        event.set(
            Map.of(
                "eventId",
                "evt-crashed",
                "type",
                "message.created",
                "conversationId",
                conversation,
                "seq",
                1L,
                "published",
                false,
                "occurredAt",
                Timestamps.of(Instant.now().minusSeconds(300)))));
    try {
      LocalStack.Ops diagnose = stack.ops("realtime", "diagnose");
      assertEquals(1, diagnose.exitCode(), diagnose.out());
      assertTrue(
          diagnose
              .verdict()
              .startsWith("1 event(s) stored but never published to conversation-events"),
          diagnose.out());
      assertTrue(diagnose.verdict().contains("next: look for 'publish failed'"), diagnose.out());
      System.out.println("[realtime, event never published] " + diagnose.verdict());

      LocalStack.Ops fix = stack.ops("realtime", "fix", "--yes");
      assertEquals(1, fix.exitCode(), "a restart would not publish it: " + fix.out());
      assertTrue(
          fix.verdict().contains("a restart of the realtime service would not help"), fix.out());
    } finally {
      FirestoreCalls.await(event.delete());
    }
    assertEquals("OK", stack.ops("realtime", "diagnose").verdict());
  }

  @Test
  @Order(30)
  void loginWithATooShortSigningKey() throws Exception {
    FirestoreCalls.await(
        firestore
            .collection("signingKeys")
            .document("local-tooshort")
            .create(Map.of("secret", "short-secret", "createdAt", Timestamps.of(Instant.now()))));

    LocalStack.Ops diagnose = stack.ops("login", "diagnose", "--json");
    JsonNode finding = Json.read(diagnose.out().trim().getBytes(StandardCharsets.UTF_8));
    assertEquals(1, diagnose.exitCode(), diagnose.out());
    assertTrue(
        finding
            .path("verdict")
            .asText()
            .startsWith("signing key version local-tooshort is 12 bytes (< 32)"),
        diagnose.out());
    assertFalse(diagnose.out().contains("short-secret"), "a secret's value is never printed");
    System.out.println("[login, too-short key] " + finding.path("verdict").asText());

    LocalStack.Ops fix = stack.ops("login", "fix", "--yes");
    assertEquals(0, fix.exitCode(), fix.out());
    System.out.println("[login, too-short key] fix: " + fix.verdict());
    assertAudited("ops.jwt_key_disable");
    assertEquals("OK", stack.ops("login", "diagnose").verdict());
    assertTrue(stack.ops("login", "fix", "--yes").verdict().startsWith("OK — nothing to fix"));
    assertLoginWorks();
  }

  @Test
  @Order(31)
  void loginWithAnExpiredSigningKey() throws Exception {
    FirestoreCalls.await(
        firestore
            .collection("signingKeys")
            .document("local-expired")
            .create(
                Map.of(
                    "secret",
                    "an-old-but-long-enough-signing-secret-0123456789",
                    "createdAt",
                    Timestamps.of(Instant.now().minus(Duration.ofDays(120))))));

    LocalStack.Ops diagnose = stack.ops("login", "diagnose");
    assertEquals(1, diagnose.exitCode(), diagnose.out());
    assertTrue(
        diagnose.verdict().startsWith("the signing key local-expired has expired: 120 days old"),
        diagnose.out());
    System.out.println("[login, expired key] " + diagnose.verdict());

    LocalStack.Ops fix = stack.ops("login", "fix", "--yes");
    assertEquals(0, fix.exitCode(), fix.out());
    System.out.println("[login, expired key] fix: " + fix.verdict());
    assertAudited("jwt_secret.rotate");
    assertEquals(
        "OK", stack.ops("login", "diagnose").verdict(), stack.ops("login", "diagnose").out());
    assertLoginWorks();
  }

  @Test
  @Order(32)
  void loginThrottledForAnAccountThenClearedAfterReview() throws Exception {
    com.utalk.auth.users.DemoUsers.Credential user =
        com.utalk.auth.users.DemoUsers.credentials().stream()
            .filter(c -> c.role() == com.utalk.auth.Role.READONLY)
            .findFirst()
            .orElseThrow();
    int last = 0;
    for (int i = 0; i < 6; i++) {
      last = login(user.email(), "not-the-password").statusCode();
    }
    assertEquals(429, last, "the sixth try is refused by the throttle");
    assertEquals(
        429, login(user.email(), user.password()).statusCode(), "even with the right password");

    LocalStack.Ops diagnose = stack.ops("login", "diagnose", "--email", user.email());
    assertEquals(1, diagnose.exitCode(), diagnose.out());
    assertTrue(
        diagnose.verdict().startsWith("logins for this email are refused (429)"), diagnose.out());
    System.out.println("[login, throttled account] " + diagnose.verdict());

    LocalStack.Ops fix =
        stack.ops("login", "fix", "--clear-throttle", "--email", user.email(), "--yes");
    assertEquals(0, fix.exitCode(), fix.out());
    System.out.println("[login, throttled account] fix: " + fix.verdict());
    assertAudited("ops.login_throttle_clear");
    assertEquals(
        200, login(user.email(), user.password()).statusCode(), "the account logs in again");
  }

  @Test
  @Order(40)
  void mediaHostAnswering404ThenARevokedSigningKey() throws Exception {
    standIn("POST", "/_standin/media-host", Map.of("status", 404));
    String sid;
    try {
      sid =
          standIn(
                  "POST",
                  "/_standin/inbound",
                  Map.of(
                      "from",
                      newCustomer(),
                      "to",
                      DemoSeed.WHATSAPP_NUMBER,
                      "body",
                      "",
                      "mediaContentType",
                      "image/png"))
              .path("sid")
              .asText();
      awaitStored(sid);
      DocumentSnapshot failed = await("the attachment failed", () -> mediaOf(sid, "failed"));
      assertEquals("download_failed", failed.getString("failureReason"));

      LocalStack.Ops diagnose = stack.ops("media", "diagnose");
      assertEquals(1, diagnose.exitCode(), diagnose.out());
      assertTrue(
          diagnose
              .verdict()
              .startsWith("1 inbound media item(s) failed to download from the media host"),
          diagnose.out());
      assertTrue(diagnose.verdict().contains("404"), diagnose.out());
      System.out.println("[media, host 404] " + diagnose.verdict());
    } finally {
      standIn("POST", "/_standin/media-host", Map.of("status", 0));
    }
    LocalStack.Ops retry = stack.ops("media", "fix", "--retry", "--yes");
    assertEquals(0, retry.exitCode(), retry.out());
    System.out.println("[media, host 404] fix --retry: " + retry.verdict());
    DocumentSnapshot media = mediaOf(sid, "stored");
    assertTrue(media != null, "stored after the retry");
    String url = signedUrlFromTheApi(media.getId());
    assertEquals(200, get(url).statusCode(), "the media URL downloads");

    // URLs kept on the media document, signed with a key that has since been revoked
    com.utalk.media.MediaStore revoked =
        new com.utalk.media.LocalMediaStore(
            stack.runDir.resolve("revoked"),
            "a-media-signing-key-that-was-revoked".getBytes(StandardCharsets.UTF_8),
            stack.url("UTALK_GATEWAY_PORT"),
            java.time.Clock.systemUTC());
    com.utalk.media.MediaStore.SignedUrl stale =
        revoked.signedGetUrl(media.getString("storagePath"), Duration.ofMinutes(15));
    FirestoreCalls.await(
        media
            .getReference()
            .update("url", stale.url(), "urlExpiresAt", Timestamps.of(stale.expiresAt())));
    assertEquals(403, get(stale.url()).statusCode());

    LocalStack.Ops diagnose = stack.ops("media", "diagnose");
    assertEquals(1, diagnose.exitCode(), diagnose.out());
    assertTrue(
        diagnose
            .verdict()
            .startsWith("1 media URL(s) kept on media documents no longer download (403"),
        diagnose.out());
    System.out.println("[media, revoked signing key] " + diagnose.verdict());
    LocalStack.Ops fix = stack.ops("media", "fix", "--yes");
    assertEquals(0, fix.exitCode(), fix.out());
    System.out.println("[media, revoked signing key] fix: " + fix.verdict());
    String kept = FirestoreCalls.await(media.getReference().get()).getString("url");
    assertEquals(200, get(kept).statusCode(), "the kept URL downloads again");
    assertEquals("OK", stack.ops("media", "diagnose").verdict());
    assertTrue(stack.ops("media", "fix", "--yes").verdict().startsWith("OK — nothing to fix"));
  }

  @Test
  @Order(50)
  void escalatedConversationWithTheBotStillOn() throws Exception {
    String customer = newCustomer();
    String firstSid = customerWrites(customer, "hola").path("sid").asText();
    DocumentSnapshot firstMessage = awaitStored(firstSid);
    String conversationId = firstMessage.getString("conversationId");
    // what old code wrote: escalated, but the bot left on
    FirestoreCalls.await(
        firestore
            .collection(Collections.CONVERSATIONS)
            .document(conversationId)
            .update(
                Map.of(
                    "status",
                    "escalated",
                    "botEnabled",
                    true,
                    "escalatedAt",
                    Timestamps.of(Instant.now()))));

    LocalStack.Ops diagnose = stack.ops("escalation", "diagnose");
    assertEquals(1, diagnose.exitCode(), diagnose.out());
    assertTrue(
        diagnose.verdict().startsWith("1 escalated conversation(s) still have the bot on"),
        diagnose.out());
    assertTrue(diagnose.out().contains("conversation " + conversationId), diagnose.out());
    System.out.println("[escalation] " + diagnose.verdict());

    LocalStack.Ops fix = stack.ops("escalation", "fix", "--yes");
    assertEquals(0, fix.exitCode(), fix.out());
    System.out.println("[escalation] fix: " + fix.verdict());
    assertEquals(
        Boolean.FALSE,
        FirestoreCalls.await(
                firestore.collection(Collections.CONVERSATIONS).document(conversationId).get())
            .getBoolean("botEnabled"));
    assertTrue(stack.ops("escalation", "fix", "--yes").verdict().startsWith("OK — nothing to fix"));
    assertEquals("OK", stack.ops("escalation", "diagnose").verdict());

    // the symptom is gone: the bot looks at the next message and stays silent
    String nextSid = customerWrites(customer, "¿me atiende una persona?").path("sid").asText();
    awaitStored(nextSid);
    DocumentSnapshot run =
        await(
            "the bot looked at the message",
            () -> doc(Collections.BOT_RUNS, Message.inboundId(nextSid)));
    assertFalse(
        "replied".equals(run.getString("outcome")),
        "the bot answered an escalated conversation: " + run.getData());
  }

  @Test
  @Order(60)
  void backupTheLastRunFailed() throws Exception {
    FirestoreCalls.await(
        firestore
            .collection("backups")
            .document("firestore-failed-run")
            .create(
                Map.of(
                    "kind",
                    "firestore",
                    "status",
                    "failed",
                    "reason",
                    "bucket_unreachable",
                    "createdAt",
                    Timestamps.of(Instant.now()),
                    "snapshotTime",
                    Timestamps.of(Instant.now()))));
    LocalStack.Ops diagnose = stack.ops("backup", "diagnose");
    assertEquals(1, diagnose.exitCode(), diagnose.out());
    assertTrue(
        diagnose.verdict().startsWith("the last Firestore backup run failed (bucket_unreachable)"),
        diagnose.out());
    System.out.println("[backup, last run failed] " + diagnose.verdict());

    assertEquals(0, stack.dev("backup"), "what the verdict says to do: take one now");
    assertEquals(
        "OK", stack.ops("backup", "diagnose").verdict(), stack.ops("backup", "diagnose").out());
  }

  // ------------------------------------------------------------------------------------------

  static String newCustomer() {
    return "+52155" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
  }

  /** A customer message, delivered by the Twilio stand-in to the number's configured webhook. */
  static JsonNode customerWrites(String from, String body) throws Exception {
    return standIn(
        "POST",
        "/_standin/inbound",
        Map.of("from", from, "to", DemoSeed.WHATSAPP_NUMBER, "body", body));
  }

  static void configureWebhook(String url) throws Exception {
    standIn(
        "POST",
        "/_standin/senders",
        Map.of("phoneNumber", DemoSeed.WHATSAPP_NUMBER, "smsUrl", url));
  }

  static String webhookAtTwilio() throws Exception {
    return standIn("GET", "/_standin/senders", null).path("senders").get(0).path("smsUrl").asText();
  }

  static JsonNode standIn(String method, String path, Object body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(stack.url("UTALK_TWILIO_STANDIN_PORT") + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(Json.write(body)));
    HttpResponse<String> response =
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    return Json.read(response.body().getBytes(StandardCharsets.UTF_8));
  }

  static HttpResponse<String> get(String url) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static int statusOf(String url) {
    try {
      return get(url).statusCode();
    } catch (Exception e) {
      return 0;
    }
  }

  static DocumentSnapshot awaitStored(String sid) throws Exception {
    return await(
        "message " + sid + " stored", () -> doc(Collections.MESSAGES, Message.inboundId(sid)));
  }

  static DocumentSnapshot doc(String collection, String id) {
    DocumentSnapshot snapshot =
        FirestoreCalls.await(firestore.collection(collection).document(id).get());
    return snapshot.exists() ? snapshot : null;
  }

  /** A demo admin logs in (200) and the token it gets is accepted (GET /api/auth/me 200). */
  static void assertLoginWorks() throws Exception {
    String token = adminToken();
    HttpResponse<String> me =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(stack.url("UTALK_GATEWAY_PORT") + "/api/auth/me"))
                .header("Authorization", "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, me.statusCode(), me.body());
  }

  static JsonNode socketHealth() throws Exception {
    return Json.read(
        get(stack.url("UTALK_REALTIME_PORT") + "/health/socket")
            .body()
            .getBytes(StandardCharsets.UTF_8));
  }

  static DocumentSnapshot mediaOf(String sid, String status) {
    List<QueryDocumentSnapshot> docs =
        FirestoreCalls.await(
                firestore
                    .collection(Collections.MEDIA)
                    .whereEqualTo("messageId", Message.inboundId(sid))
                    .get())
            .getDocuments();
    return docs.stream()
        .filter(doc -> status.equals(doc.getString("status")))
        .findFirst()
        .orElse(null);
  }

  static HttpResponse<String> login(String email, String password) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(stack.url("UTALK_GATEWAY_PORT") + "/api/auth/login"))
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    Json.write(Map.of("email", email, "password", password))))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static String adminToken() throws Exception {
    com.utalk.auth.users.DemoUsers.Credential admin =
        com.utalk.auth.users.DemoUsers.credentials().stream()
            .filter(c -> c.role() == com.utalk.auth.Role.ADMIN)
            .findFirst()
            .orElseThrow();
    HttpResponse<String> login =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(stack.url("UTALK_GATEWAY_PORT") + "/api/auth/login"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        Json.write(Map.of("email", admin.email(), "password", admin.password()))))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, login.statusCode(), login.body());
    return Json.read(login.body().getBytes(StandardCharsets.UTF_8)).path("accessToken").asText();
  }

  /** GET /api/media/{id} as the demo admin: the signed URL a client downloads from. */
  static String signedUrlFromTheApi(String mediaId) throws Exception {
    HttpResponse<String> answer =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(stack.url("UTALK_GATEWAY_PORT") + "/api/media/" + mediaId))
                .header("Authorization", "Bearer " + adminToken())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, answer.statusCode(), answer.body());
    return Json.read(answer.body().getBytes(StandardCharsets.UTF_8)).path("url").asText();
  }

  static void assertAudited(String action) {
    List<QueryDocumentSnapshot> entries =
        FirestoreCalls.await(firestore.collection("auditLogs").whereEqualTo("action", action).get())
            .getDocuments();
    assertFalse(entries.isEmpty(), "no audit entry " + action);
    assertEquals("ops:fault-injection-test", entries.get(0).getString("actorUid"));
  }

  static void awaitTrue(String what, BooleanSupplier condition) throws Exception {
    await(what, () -> condition.getAsBoolean() ? Boolean.TRUE : null);
  }

  interface Probe<T> {
    T get() throws Exception;
  }

  static <T> T await(String what, Probe<T> probe) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    Exception last = null;
    while (System.nanoTime() < deadline) {
      try {
        T value = probe.get();
        if (value != null) {
          return value;
        }
      } catch (Exception e) {
        last = e;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        "timed out waiting: "
            + what
            + (last == null ? "" : " (last error " + last + ")")
            + "\n"
            + stack.launcherLog());
  }
}
