package com.utalk.functions.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.firestore.DocumentSnapshot;
import com.google.pubsub.v1.PubsubMessage;
import com.utalk.config.Settings;
import com.utalk.emulators.twilio.InboundWebhook;
import com.utalk.emulators.twilio.SentMessage;
import com.utalk.events.EventOutbox;
import com.utalk.events.PubSubEventPublisher;
import com.utalk.functions.testing.FunctionServer;
import com.utalk.functions.testing.PubSubEvents;
import com.utalk.functions.testing.StackUnderTest;
import com.utalk.functions.wiring.Backend;
import com.utalk.logging.LogSetup;
import com.utalk.messaging.Author;
import com.utalk.messaging.OutboundMessageService;
import com.utalk.messaging.OutboundRequest;
import com.utalk.platform.Topics;
import com.utalk.testing.EventTap;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OutboundDeliveryTest {
  private static StackUnderTest stack;
  private static FunctionServer webhook;
  private static FunctionServer statusCallback;
  private static OutboundMessageSender sender;
  private static OutboundMessageService outbound;
  private static PubSubEventPublisher publisher;
  private static EventTap commands;

  @BeforeAll
  static void start() {
    stack = new StackUnderTest();
    webhook = FunctionServer.http(WhatsAppInboundWebhook.class, stack.settings());
    statusCallback = FunctionServer.http(ClockedStatusCallback.class, stack.settings());
    sender =
        new OutboundMessageSender(new Backend(Settings.of(stack.settings()), Clock.systemUTC()));
    publisher = new PubSubEventPublisher(stack.env.pubsub());
    outbound =
        new OutboundMessageService(
            stack.env.firestore(),
            new EventOutbox(stack.env.firestore(), publisher, Clock.systemUTC()),
            publisher,
            Clock.systemUTC());
    commands = EventTap.open(stack.env.pubsub(), Topics.OUTBOUND_MESSAGES);
  }

  @AfterAll
  static void stop() throws Exception {
    commands.close();
    publisher.close();
    statusCallback.close();
    webhook.close();
    stack.close();
  }

  @BeforeEach
  void resetTwilio() {
    stack.twilio.reset();
  }

  /** A conversation opened by a customer message, as in production. */
  private static String openConversation(String from) throws Exception {
    InboundWebhook inbound = stack.inbound(from, "hola");
    assertEquals(
        200, stack.deliver(webhook.url(WhatsAppInboundWebhook.PATH), inbound).statusCode());
    return stack
        .env
        .firestore()
        .collection("messages")
        .document("in_" + inbound.messageSid())
        .get()
        .get()
        .getString("conversationId");
  }

  private static String queue(String conversationId, String body, String requestId) {
    String messageId = UUID.randomUUID().toString();
    outbound.queue(
        new OutboundRequest(
            StackUnderTest.WORKSPACE,
            conversationId,
            messageId,
            body,
            List.of(),
            Author.agent("agent-1"),
            null),
        requestId);
    return messageId;
  }

  private static PubsubMessage commandFor(String messageId) {
    for (int i = 0; i < 200; i++) {
      for (PubsubMessage message : commands.messages()) {
        if (messageId.equals(message.getAttributesOrDefault("messageId", ""))) {
          return message;
        }
      }
      sleep(25);
    }
    throw new AssertionError("no outbound command for " + messageId);
  }

  private static void deliverCommand(String cloudEventId, PubsubMessage command) throws Exception {
    sender.accept(
        PubSubEvents.messagePublished(
            cloudEventId, stack.env.project().projectId(), Topics.OUTBOUND_MESSAGES, command));
  }

  private static DocumentSnapshot message(String messageId) throws Exception {
    return stack.env.firestore().collection("messages").document(messageId).get().get();
  }

  private static int postStatus(String sid, String status, String errorCode) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("MessageSid", sid);
    form.put("MessageStatus", status);
    form.put("AccountSid", stack.account.accountSid());
    if (errorCode != null) {
      form.put("ErrorCode", errorCode);
      form.put("ErrorMessage", "error " + errorCode);
    }
    return stack
        .post(
            statusCallback.url(TwilioStatusCallback.PATH),
            form,
            stack.sign(TwilioStatusCallback.PATH, form),
            Map.of())
        .statusCode();
  }

  @Test
  void redeliveredCommandSendsOneWhatsAppMessage() throws Exception {
    String conversationId = openConversation("+5215510000001");
    String messageId = queue(conversationId, "hello once", "req-redeliver-01");
    PubsubMessage command = commandFor(messageId);

    deliverCommand("ce-1", command);
    deliverCommand("ce-1", command);
    deliverCommand("ce-2-redelivered-with-new-id", command);

    List<SentMessage> sends = stack.twilio.sends();
    assertEquals(1, sends.stream().filter(s -> "hello once".equals(s.body())).count());
    SentMessage sent = sends.get(0);
    assertEquals("whatsapp:+5215510000001", sent.to());
    assertEquals("whatsapp:" + StackUnderTest.BUSINESS_NUMBER.e164(), sent.from());
    assertEquals(StackUnderTest.PUBLIC_BASE_URL + TwilioStatusCallback.PATH, sent.statusCallback());
    DocumentSnapshot stored = message(messageId);
    assertEquals(sent.sid(), stored.getString("twilioSid"));
    assertEquals(
        "sending",
        stored.getString("status"),
        "Twilio accepted it as queued; callbacks move it on");
  }

  @Test
  void everyOrderOfStatusCallbacksConvergesOnTheSameFinalStatus() throws Exception {
    Map<Set<String>, Map<String, Object>> bySet =
        finalDocumentsOfEveryOrder(
            "+5215510000002", List.of("sent", "delivered", "read", "failed:30008"));
    for (Map.Entry<Set<String>, Map<String, Object>> entry : bySet.entrySet()) {
      Set<String> set = entry.getKey();
      String expected =
          set.contains("read")
              ? "read"
              : set.contains("delivered")
                  ? "delivered"
                  : set.contains("failed:30008") ? "failed" : "sent";
      assertEquals(expected, entry.getValue().get("status"), "after " + set);
      if (expected.equals("failed")) {
        assertEquals("30008", entry.getValue().get("errorCode"));
        assertEquals("error 30008", entry.getValue().get("errorMessage"));
      } else {
        assertNull(
            entry.getValue().get("errorCode"),
            "a delivered or read message shows no failure, after " + set);
      }
    }
  }

  @Test
  void competingFailureReportsGiveTheSameDocumentInEveryOrder() throws Exception {
    Map<Set<String>, Map<String, Object>> bySet =
        finalDocumentsOfEveryOrder(
            "+5215510000006",
            List.of("undelivered:30003", "failed:30008", "failed:30001", "delivered"));
    for (Map.Entry<Set<String>, Map<String, Object>> entry : bySet.entrySet()) {
      Set<String> set = entry.getKey();
      Map<String, Object> document = entry.getValue();
      if (set.contains("delivered")) {
        assertEquals("delivered", document.get("status"), "after " + set);
        assertNull(document.get("errorCode"), "after " + set);
      } else if (set.contains("failed:30001")) {
        assertEquals("failed", document.get("status"));
        assertEquals(
            "30001",
            document.get("errorCode"),
            "the smallest code of the winning status, after " + set);
      } else if (set.contains("failed:30008")) {
        assertEquals("30008", document.get("errorCode"), "after " + set);
      } else {
        assertEquals("undelivered", document.get("status"));
        assertEquals("30003", document.get("errorCode"));
      }
    }
  }

  /**
   * Posts every ordering of every non-empty subset of {@code reports} ("status" or "status:code")
   * to its own message, the k-th callback of each ordering at the same instant, and asserts that
   * all orderings of one set leave byte-equal message documents (apart from the fields that name
   * the message itself). Returns one final document per set.
   */
  private static Map<Set<String>, Map<String, Object>> finalDocumentsOfEveryOrder(
      String phone, List<String> reports) throws Exception {
    String conversationId = openConversation(phone);
    List<List<String>> sequences = new ArrayList<>();
    permutations(reports, new ArrayList<>(), sequences);
    Map<Set<String>, String> firstJson = new HashMap<>();
    Map<Set<String>, Map<String, Object>> bySet = new HashMap<>();
    Instant start = Instant.parse("2026-03-01T12:00:00Z");
    for (List<String> sequence : sequences) {
      String messageId = queue(conversationId, "perm " + sequence, null);
      deliverCommand("ce-" + messageId, commandFor(messageId));
      String sid = message(messageId).getString("twilioSid");
      for (int i = 0; i < sequence.size(); i++) {
        ClockedStatusCallback.CLOCK.set(start.plusSeconds(i));
        String[] report = sequence.get(i).split(":");
        assertEquals(204, postStatus(sid, report[0], report.length > 1 ? report[1] : null));
      }
      Map<String, Object> document = new TreeMap<>(message(messageId).getData());
      List.of("body", "messageId", "twilioSid", "createdAt", "seq").forEach(document::remove);
      String json = com.utalk.json.Json.write(document);
      Set<String> set = Set.copyOf(sequence);
      String first = firstJson.putIfAbsent(set, json);
      if (first != null) {
        assertEquals(first, json, "the same callbacks in another order: " + sequence);
      }
      bySet.putIfAbsent(set, document);
    }
    return bySet;
  }

  @Test
  void aCallbackThatArrivesBeforeTheSidIsRecordedIsAppliedWhenItIs() throws Exception {
    String conversationId = openConversation("+5215510000003");
    String messageId = queue(conversationId, "race", null);
    Backend backend = new Backend(Settings.of(stack.settings()), Clock.systemUTC());
    var realSender =
        new com.utalk.twilio.TwilioWhatsAppSender(
            com.utalk.twilio.TwilioCredentials.from(backend.settings()));
    // Twilio answered, and its delivered callback lands before our sender records the sid.
    com.utalk.messaging.WhatsAppSender racing =
        outgoing -> {
          var sent = realSender.send(outgoing);
          assertEquals(204, postStatus(sent.messageSid(), "delivered", null));
          return sent;
        };
    var service =
        new com.utalk.messaging.OutboundSendService(
            backend.firestore(),
            backend.outbox(),
            racing,
            new com.utalk.messaging.SendPolicy(1, Duration.ZERO),
            StackUnderTest.PUBLIC_BASE_URL + TwilioStatusCallback.PATH,
            Clock.systemUTC());
    service.send(
        new com.utalk.messaging.OutboundCommand(
            StackUnderTest.WORKSPACE, conversationId, messageId),
        "req-race");
    assertEquals("delivered", message(messageId).getString("status"));
  }

  @Test
  void transientTwilioErrorsAreRetriedAndPermanentOnesMarkTheMessageFailed() throws Exception {
    String conversationId = openConversation("+5215510000004");

    stack.twilio.failNextTransient(2, 503);
    String retried = queue(conversationId, "retry me", null);
    deliverCommand("ce-" + retried, commandFor(retried));
    assertEquals(1, stack.twilio.sends().size());
    assertEquals(3, stack.twilio.attempts());
    assertNotNull(message(retried).getString("twilioSid"));

    stack.twilio.reset();
    stack.twilio.failNextPermanent(1, 63016);
    String permanent = queue(conversationId, "outside the 24h window", null);
    deliverCommand("ce-" + permanent, commandFor(permanent));
    DocumentSnapshot failed = message(permanent);
    assertEquals("failed", failed.getString("status"));
    assertEquals("63016", failed.getString("errorCode"));
    assertEquals(1, stack.twilio.attempts(), "a permanent error is not retried");

    stack.twilio.reset();
    stack.twilio.failNextTransient(100, 503);
    String exhausted = queue(conversationId, "twilio is down", null);
    deliverCommand("ce-" + exhausted, commandFor(exhausted));
    assertEquals("failed", message(exhausted).getString("status"));
    assertEquals(4, stack.twilio.attempts(), "retried up to TWILIO_SEND_MAX_ATTEMPTS");
    stack.twilio.clearFaults();
  }

  @Test
  void theRequestIdOfTheQueueingRequestFollowsTheMessageIntoTheSendersLogs() throws Exception {
    String conversationId = openConversation("+5215510000005");
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    LogSetup.install(Settings.of(stack.settings()), captured);
    try {
      String messageId = queue(conversationId, "trace me", "req-chain-000042");
      PubsubMessage command = commandFor(messageId);
      assertEquals("req-chain-000042", command.getAttributesOrThrow("requestId"));
      deliverCommand("ce-" + messageId, command);
    } finally {
      LogSetup.install(Settings.of(stack.settings()));
    }
    String logs = captured.toString(StandardCharsets.UTF_8);
    boolean sentLine =
        logs.lines()
            .anyMatch(
                line ->
                    line.contains("\"outbound message sent\"")
                        && line.contains("\"requestId\":\"req-chain-000042\""));
    assertTrue(sentLine, logs);
    assertTrue(
        logs.lines().noneMatch(line -> line.contains("+5215510000005")),
        "phone numbers are masked in logs");
    assertTrue(logs.lines().noneMatch(line -> line.contains("trace me")), "bodies are not logged");
  }

  private static void permutations(
      List<String> items, List<String> prefix, List<List<String>> out) {
    if (!prefix.isEmpty()) {
      out.add(List.copyOf(prefix));
    }
    for (String item : items) {
      if (!prefix.contains(item)) {
        prefix.add(item);
        permutations(items, prefix, out);
        prefix.remove(prefix.size() - 1);
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
