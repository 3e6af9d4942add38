package com.utalk.functions.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.utalk.emulators.twilio.InboundWebhook;
import com.utalk.functions.testing.FunctionServer;
import com.utalk.functions.testing.StackUnderTest;
import com.utalk.json.Json;
import com.utalk.platform.Topics;
import com.utalk.testing.EventTap;
import com.utalk.testing.TcpProxy;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Never 200-then-lost: a webhook that cannot be stored or announced answers 503, and Twilio's retry
 * completes it.
 */
class OutageRecoveryTest {
  private static StackUnderTest stack;
  private static TcpProxy firestoreProxy;
  private static TcpProxy pubsubProxy;
  private static FunctionServer webhook;

  @BeforeAll
  static void start() throws Exception {
    stack = new StackUnderTest();
    firestoreProxy = new TcpProxy(stack.env.project().firestoreEmulatorHost());
    pubsubProxy = new TcpProxy(stack.env.project().pubsubEmulatorHost());
    Map<String, String> settings =
        new java.util.HashMap<>(stack.settings(firestoreProxy.hostPort()));
    settings.put("PUBSUB_EMULATOR_HOST", pubsubProxy.hostPort());
    webhook = FunctionServer.http(WhatsAppInboundWebhook.class, settings);
  }

  @AfterAll
  static void stop() throws Exception {
    webhook.close();
    firestoreProxy.close();
    pubsubProxy.close();
    stack.close();
  }

  private static String url() {
    return webhook.url(WhatsAppInboundWebhook.PATH);
  }

  /** Twilio's retry, repeated while the function's clients reconnect after the outage. */
  private static HttpResponse<String> retryUntilAccepted(InboundWebhook inbound)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
    HttpResponse<String> response = stack.deliver(url(), inbound);
    while (response.statusCode() == 503 && System.nanoTime() < deadline) {
      Thread.sleep(500);
      response = stack.deliver(url(), inbound);
    }
    return response;
  }

  private static long storedCopies(InboundWebhook inbound) throws Exception {
    return stack
        .env
        .firestore()
        .collection("messages")
        .whereEqualTo("twilioSid", inbound.messageSid())
        .get()
        .get()
        .size();
  }

  private static java.util.List<JsonNode> eventsFor(EventTap tap, InboundWebhook inbound) {
    return tap.settle(Duration.ofSeconds(2)).stream()
        .map(m -> Json.read(m.getData().toByteArray()))
        .filter(e -> inbound.messageSid().equals(e.path("payload").path("twilioSid").asText()))
        .toList();
  }

  @Test
  void firestoreDownAnswers503WithNothingWrittenAndTheRetrySucceeds() throws Exception {
    // Warm the instance (clients connected, workspace cached) so the outage hits the write path
    // itself.
    assertEquals(
        200, stack.deliver(url(), stack.inbound("+5215520000000", "warm up")).statusCode());
    try (EventTap tap = EventTap.open(stack.env.pubsub(), Topics.CONVERSATION_EVENTS)) {
      InboundWebhook inbound = stack.inbound("+5215520000001", "while firestore is down");
      firestoreProxy.cut();
      long started = System.nanoTime();
      HttpResponse<String> during = stack.deliver(url(), inbound);
      long tookMs = (System.nanoTime() - started) / 1_000_000;
      firestoreProxy.restore();

      assertEquals(503, during.statusCode(), during.body());
      JsonNode error = Json.read(during.body().getBytes());
      assertEquals("unavailable", error.path("error").asText());
      assertEquals(
          "5",
          during.headers().firstValue("Retry-After").orElse(null),
          "an outage tells the caller when to retry");
      assertTrue(tookMs < 15_000, "answered inside Twilio's 15 s (took " + tookMs + " ms)");
      assertEquals(0, storedCopies(inbound), "no half-written state");

      HttpResponse<String> retry = retryUntilAccepted(inbound);
      assertEquals(200, retry.statusCode(), retry.body());
      assertEquals(1, storedCopies(inbound));
      assertEquals(1, eventsFor(tap, inbound).size());
    }
  }

  @Test
  void pubsubDownAfterTheWriteAnswers503AndTheRetryPublishesExactlyOnce() throws Exception {
    assertEquals(
        200, stack.deliver(url(), stack.inbound("+5215520000002", "warm up")).statusCode());
    try (EventTap tap = EventTap.open(stack.env.pubsub(), Topics.CONVERSATION_EVENTS)) {
      InboundWebhook inbound = stack.inbound("+5215520000003", "while pubsub is down");
      pubsubProxy.cut();
      HttpResponse<String> during = stack.deliver(url(), inbound);
      pubsubProxy.restore();

      assertEquals(503, during.statusCode(), during.body());
      assertEquals("5", during.headers().firstValue("Retry-After").orElse(null));
      assertEquals(1, storedCopies(inbound), "the message itself was stored durably");

      HttpResponse<String> retry = retryUntilAccepted(inbound);
      assertEquals(200, retry.statusCode(), retry.body());
      assertEquals(1, storedCopies(inbound));
      // A publish that timed out may still land after the retry published: delivery is then at
      // least once, and every copy carries the same event id for consumers to drop.
      java.util.List<JsonNode> events = eventsFor(tap, inbound);
      assertTrue(!events.isEmpty(), "the retry announced it");
      assertEquals(1, events.stream().map(e -> e.path("eventId").asText()).distinct().count());
    }
  }
}
