package com.utalk.functions.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.firestore.QueryDocumentSnapshot;
import com.google.pubsub.v1.PubsubMessage;
import com.utalk.emulators.twilio.InboundWebhook;
import com.utalk.functions.testing.FunctionServer;
import com.utalk.functions.testing.StackUnderTest;
import com.utalk.json.Json;
import com.utalk.platform.Topics;
import com.utalk.testing.EventTap;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class InboundWebhookTest {
  private static StackUnderTest stack;
  private static FunctionServer webhook;

  @BeforeAll
  static void start() {
    stack = new StackUnderTest();
    webhook = FunctionServer.http(WhatsAppInboundWebhook.class, stack.settings());
  }

  @AfterAll
  static void stop() throws Exception {
    webhook.close();
    stack.close();
  }

  private static String url() {
    return webhook.url(WhatsAppInboundWebhook.PATH);
  }

  private static List<QueryDocumentSnapshot> messagesFrom(String sid) throws Exception {
    return stack
        .env
        .firestore()
        .collection("messages")
        .whereEqualTo("twilioSid", sid)
        .get()
        .get()
        .getDocuments();
  }

  private static List<JsonNode> eventsFor(List<PubsubMessage> messages, String sid) {
    return messages.stream()
        .map(m -> Json.read(m.getData().toByteArray()))
        .filter(e -> sid.equals(e.path("payload").path("twilioSid").asText()))
        .toList();
  }

  @Test
  void signedWebhookIsStoredAnsweredWithTwimlAndAnnouncedOnce() throws Exception {
    try (EventTap tap = EventTap.open(stack.env.pubsub(), Topics.CONVERSATION_EVENTS)) {
      InboundWebhook inbound = stack.inbound("+5215512345678", "hola");
      HttpResponse<String> response =
          stack.post(
              url(),
              inbound.params(),
              inbound.signature(StackUnderTest.PUBLIC_BASE_URL),
              Map.of("X-Request-ID", "req-signed-0001"));

      assertEquals(200, response.statusCode(), response.body());
      assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/xml"));
      assertTrue(response.body().contains("<Response/>"));
      assertEquals("req-signed-0001", response.headers().firstValue("X-Request-ID").orElse(null));

      List<QueryDocumentSnapshot> stored = messagesFrom(inbound.messageSid());
      assertEquals(1, stored.size());
      assertEquals("hola", stored.get(0).getString("body"));
      assertEquals("inbound", stored.get(0).getString("direction"));
      assertEquals("received", stored.get(0).getString("status"));
      String conversationId = stored.get(0).getString("conversationId");
      var conversation =
          stack.env.firestore().collection("conversations").document(conversationId).get().get();
      assertEquals("open", conversation.getString("status"));
      assertEquals(Boolean.TRUE, conversation.getBoolean("botEnabled"));
      assertEquals("+5215512345678", conversation.get("contact.phone"));

      List<JsonNode> events = eventsFor(tap.await(1, Duration.ofSeconds(10)), inbound.messageSid());
      assertEquals(1, events.size());
      JsonNode event = events.get(0);
      assertEquals("message.received", event.path("type").asText());
      assertEquals(StackUnderTest.WORKSPACE, event.path("workspaceId").asText());
      assertEquals(conversationId, event.path("conversationId").asText());
      assertEquals("req-signed-0001", event.path("requestId").asText());
      assertTrue(event.path("seq").asLong() >= 1);
      assertTrue(
          !event.path("eventId").asText().isEmpty()
              && !event.path("occurredAt").asText().isEmpty());
      PubsubMessage raw = tap.messages().get(0);
      assertEquals(conversationId, raw.getOrderingKey());
      assertEquals("req-signed-0001", raw.getAttributesOrThrow("requestId"));
    }
  }

  @Test
  void wrongOrMissingSignatureIsRefusedWith403AndNothingIsStored() throws Exception {
    InboundWebhook inbound = stack.inbound("+5215511111111", "forged");
    HttpResponse<String> wrong =
        stack.post(url(), inbound.params(), "bm90LWEtc2lnbmF0dXJl", Map.of());
    HttpResponse<String> missing = stack.post(url(), inbound.params(), null, Map.of());
    Map<String, String> tampered = new LinkedHashMap<>(inbound.params());
    tampered.put("Body", "tampered");
    HttpResponse<String> changedBody =
        stack.post(url(), tampered, inbound.signature(StackUnderTest.PUBLIC_BASE_URL), Map.of());

    for (HttpResponse<String> response : List.of(wrong, missing, changedBody)) {
      assertEquals(403, response.statusCode());
      JsonNode error = Json.read(response.body().getBytes());
      assertEquals("invalid_signature", error.path("error").asText());
      assertEquals(
          response.headers().firstValue("X-Request-ID").orElseThrow(),
          error.path("requestId").asText());
    }
    assertEquals(0, messagesFrom(inbound.messageSid()).size());
  }

  @Test
  void missingRequiredFieldsAnswer400NamingTheField() throws Exception {
    for (String field : List.of("MessageSid", "From", "To")) {
      Map<String, String> form = new LinkedHashMap<>(stack.inbound("+5215522222222", "x").params());
      form.remove(field);
      HttpResponse<String> response =
          stack.post(url(), form, stack.sign(WhatsAppInboundWebhook.PATH, form), Map.of());
      assertEquals(400, response.statusCode(), field);
      JsonNode error = Json.read(response.body().getBytes());
      assertEquals("validation_failed", error.path("error").asText());
      assertEquals(field, error.path("field").asText());
    }
  }

  @Test
  void unknownBusinessNumberAnswers404AndStoresNothing() throws Exception {
    Map<String, String> form = new LinkedHashMap<>(stack.inbound("+5215533333333", "x").params());
    form.put("To", "whatsapp:+19998887777");
    HttpResponse<String> response =
        stack.post(url(), form, stack.sign(WhatsAppInboundWebhook.PATH, form), Map.of());
    assertEquals(404, response.statusCode());
    assertEquals("unknown_number", Json.read(response.body().getBytes()).path("error").asText());
    assertEquals(0, messagesFrom(form.get("MessageSid")).size());
  }

  @Test
  void malformedAndOversizedBodiesAreRefused() {
    HttpResponse<String> malformed = stack.post(url(), Map.of(), "x", Map.of());
    assertEquals(403, malformed.statusCode(), "an empty unsigned body is not Twilio");

    String badEncoding = "MessageSid=%ZZ&From=whatsapp%3A%2B1";
    var request =
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(url()))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("X-Twilio-Signature", "x")
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(badEncoding))
            .build();
    assertEquals(400, send(request).statusCode());

    var wrongType =
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(url()))
            .header("Content-Type", "application/json")
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}"))
            .build();
    assertEquals(415, send(wrongType).statusCode());

    Map<String, String> huge = new LinkedHashMap<>(stack.inbound("+5215544444444", "x").params());
    huge.put("Body", "a".repeat(70_000));
    HttpResponse<String> oversized =
        stack.post(url(), huge, stack.sign(WhatsAppInboundWebhook.PATH, huge), Map.of());
    assertEquals(413, oversized.statusCode());
    assertEquals(
        "payload_too_large", Json.read(oversized.body().getBytes()).path("error").asText());
  }

  @Test
  void mediaFieldsAreParsedAndStored() throws Exception {
    InboundWebhook inbound =
        stack
            .inbound("+5215555555555", "")
            .withMedia(
                "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1",
                "image/jpeg");
    assertEquals(200, stack.deliver(url(), inbound).statusCode());
    QueryDocumentSnapshot stored = messagesFrom(inbound.messageSid()).get(0);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> media = (List<Map<String, Object>>) stored.get("media");
    assertEquals(1, media.size());
    assertEquals("image/jpeg", media.get(0).get("contentType"));
    assertTrue(((String) media.get(0).get("url")).endsWith("/Media/ME1"));
    assertEquals(Boolean.TRUE, stored.getBoolean("hasMedia"));
  }

  @Test
  void repeatedWebhookStoresOnceEmitsOnceAndStillAnswers200() throws Exception {
    try (EventTap tap = EventTap.open(stack.env.pubsub(), Topics.CONVERSATION_EVENTS)) {
      InboundWebhook inbound = stack.inbound("+5215566666666", "retry me");
      for (int i = 0; i < 3; i++) {
        assertEquals(200, stack.deliver(url(), inbound).statusCode());
      }
      assertEquals(1, messagesFrom(inbound.messageSid()).size());
      tap.await(1, Duration.ofSeconds(10));
      assertEquals(1, eventsFor(tap.settle(Duration.ofSeconds(2)), inbound.messageSid()).size());
    }
  }

  @Test
  void twentyConcurrentCopiesStoreOneMessageAndOneEvent() throws Exception {
    try (EventTap tap = EventTap.open(stack.env.pubsub(), Topics.CONVERSATION_EVENTS)) {
      InboundWebhook inbound = stack.inbound("+5215577777777", "storm");
      List<Integer> statuses = concurrently(20, () -> deliverLikeTwilio(inbound));
      assertEquals(List.of(200), statuses.stream().distinct().toList(), "every copy ends with 200");
      assertEquals(1, messagesFrom(inbound.messageSid()).size());
      tap.await(1, Duration.ofSeconds(10));
      assertEquals(1, eventsFor(tap.settle(Duration.ofSeconds(2)), inbound.messageSid()).size());
    }
  }

  @Test
  void twentyConcurrentFirstMessagesFromANewContactMakeOneConversation() throws Exception {
    String from = "+5215588888888";
    List<InboundWebhook> webhooks = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      webhooks.add(stack.inbound(from, "first " + i));
    }
    List<Integer> statuses =
        concurrently(
            20,
            new java.util.concurrent.atomic.AtomicInteger()::getAndIncrement,
            i -> deliverLikeTwilio(webhooks.get(i)));
    assertEquals(List.of(200), statuses.stream().distinct().toList());
    List<QueryDocumentSnapshot> conversations =
        stack
            .env
            .firestore()
            .collection("conversations")
            .whereEqualTo("contact.phone", from)
            .get()
            .get()
            .getDocuments();
    assertEquals(1, conversations.size());
    assertEquals(20L, conversations.get(0).getLong("messageCount"));
    List<QueryDocumentSnapshot> messages =
        stack
            .env
            .firestore()
            .collection("messages")
            .whereEqualTo("conversationId", conversations.get(0).getId())
            .get()
            .get()
            .getDocuments();
    Set<Long> seqs = messages.stream().map(m -> m.getLong("seq")).collect(Collectors.toSet());
    assertEquals(20, messages.size());
    assertEquals(20, seqs.size(), "every message took its own sequence number");
  }

  @Test
  void aMessageToAClosedConversationOpensANewOne() throws Exception {
    String from = "+5215599999999";
    InboundWebhook first = stack.inbound(from, "first");
    assertEquals(200, stack.deliver(url(), first).statusCode());
    String firstConversation = messagesFrom(first.messageSid()).get(0).getString("conversationId");
    stack
        .env
        .firestore()
        .collection("conversations")
        .document(firstConversation)
        .update("status", "closed")
        .get();

    InboundWebhook second = stack.inbound(from, "again");
    assertEquals(200, stack.deliver(url(), second).statusCode());
    String secondConversation =
        messagesFrom(second.messageSid()).get(0).getString("conversationId");
    assertTrue(!firstConversation.equals(secondConversation));
    assertEquals(
        "open",
        stack
            .env
            .firestore()
            .collection("conversations")
            .document(secondConversation)
            .get()
            .get()
            .getString("status"));
  }

  /**
   * One delivery, repeated on 503 as Twilio's retry would. On a quiet machine every copy gets 200
   * at once; on a saturated one the emulator's lock waits can push a copy past the 8 s storage
   * budget, and the guarantee that matters is the outcome: one message, one event, every copy
   * acknowledged.
   */
  private static int deliverLikeTwilio(InboundWebhook webhook) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
    int status = stack.deliver(url(), webhook).statusCode();
    while (status == 503 && System.nanoTime() < deadline) {
      Thread.sleep(250);
      status = stack.deliver(url(), webhook).statusCode();
    }
    return status;
  }

  private static HttpResponse<String> send(java.net.http.HttpRequest request) {
    try {
      return java.net.http.HttpClient.newHttpClient()
          .send(request, HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static <T> List<T> concurrently(int copies, Callable<T> task) throws Exception {
    return concurrently(copies, () -> 0, i -> task.call());
  }

  interface IndexedTask<T> {
    T call(int index) throws Exception;
  }

  static <T> List<T> concurrently(
      int copies, java.util.function.IntSupplier indices, IndexedTask<T> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(copies);
    try {
      java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < copies; i++) {
        int index = indices.getAsInt();
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return task.call(index);
                }));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
