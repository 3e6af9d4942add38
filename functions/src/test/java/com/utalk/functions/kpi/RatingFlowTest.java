package com.utalk.functions.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.QueryDocumentSnapshot;
import com.utalk.emulators.firestoretrigger.FirestoreTriggerBridge;
import com.utalk.emulators.firestoretrigger.TriggerRoute;
import com.utalk.functions.messaging.WhatsAppInboundWebhook;
import com.utalk.functions.testing.FunctionServer;
import com.utalk.functions.testing.StackUnderTest;
import com.utalk.kpi.ratings.RatingKind;
import com.utalk.kpi.ratings.SurveyMessages;
import com.utalk.storage.FirestoreCalls;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The survey after a close: the CSAT question is sent, a "5" is stored as a rating (not as a new
 * conversation), then the NPS question, a "9", and a later message opens a new conversation. A
 * message that is not a score ends the survey and opens a conversation as before.
 */
class RatingFlowTest {
  private static StackUnderTest stack;
  private static FunctionServer webhook;
  private static FunctionServer survey;
  private static FirestoreTriggerBridge bridge;

  @BeforeAll
  static void start() throws Exception {
    stack = new StackUnderTest();
    FirestoreCalls.await(
        stack
            .env
            .firestore()
            .collection("workspaces")
            .document(StackUnderTest.WORKSPACE)
            .update("npsEnabled", true));
    Map<String, String> settings = stack.settings();
    settings.put("LOG_LEVEL", "warn");
    webhook = FunctionServer.http(WhatsAppInboundWebhook.class, settings);
    survey = FunctionServer.start(RatingSurveyFunction.class, "cloudevent", settings);
    List<TriggerRoute> routes =
        FirestoreTriggerBridge.routesFromCatalog(
            Map.of("rating-survey", URI.create(survey.url("/"))));
    assertEquals(1, routes.size());
    bridge =
        FirestoreTriggerBridge.start(
            stack.env.firestore(), stack.env.project().projectId(), routes, 2, 6);
  }

  @AfterAll
  static void stop() throws Exception {
    bridge.close();
    survey.close();
    webhook.close();
    stack.close();
  }

  @Test
  void csatThenNpsAnswersAreStoredAsRatingsInTheClosedConversation() throws Exception {
    Firestore firestore = stack.env.firestore();
    String phone = "+5215577001100";
    String conversationId = send(phone, "hola, ¿dónde está mi pedido?").conversationId();
    close(conversationId);

    String csatQuestion = SurveyMessages.messageId(conversationId, RatingKind.CSAT);
    DocumentSnapshot question =
        eventually(
            () ->
                FirestoreCalls.await(firestore.collection("messages").document(csatQuestion).get()),
            DocumentSnapshot::exists);
    assertEquals(RatingKind.CSAT.question(), question.getString("body"));
    assertEquals("outbound", question.getString("direction"));
    assertEquals(
        false, question.getBoolean("botResponse"), "a survey question is not a bot response (TMO)");

    Sent answer = send(phone, "5");
    assertEquals(
        conversationId, answer.conversationId(), "the answer joins the closed conversation");
    DocumentSnapshot csat =
        FirestoreCalls.await(
            firestore.collection("ratings").document(conversationId + "_csat").get());
    assertEquals(5L, csat.getLong("score"));
    assertEquals(StackUnderTest.WORKSPACE, csat.getString("workspaceId"));
    assertEquals(
        "closed",
        FirestoreCalls.await(firestore.collection("conversations").document(conversationId).get())
            .getString("status"));

    String npsQuestion = SurveyMessages.messageId(conversationId, RatingKind.NPS);
    eventually(
        () -> FirestoreCalls.await(firestore.collection("messages").document(npsQuestion).get()),
        DocumentSnapshot::exists);
    send(phone, "9");
    assertEquals(
        9L,
        FirestoreCalls.await(
                firestore.collection("ratings").document(conversationId + "_nps").get())
            .getLong("score"));

    assertTrue(bridge.awaitIdle(Duration.ofSeconds(20)));
    assertEquals(
        1,
        surveyMessages(conversationId, RatingKind.CSAT.question()),
        "the CSAT question was sent once");
    assertEquals(
        1,
        surveyMessages(conversationId, RatingKind.NPS.question()),
        "the NPS question was sent once");

    Sent later = send(phone, "otra consulta");
    assertNotEquals(
        conversationId,
        later.conversationId(),
        "after the survey a message opens a new conversation");
  }

  @Test
  void aReplyThatIsNotAScoreOpensANewConversationAndEndsTheSurvey() throws Exception {
    String phone = "+5215577002200";
    String conversationId = send(phone, "hola").conversationId();
    close(conversationId);
    eventually(
        () ->
            FirestoreCalls.await(
                stack
                    .env
                    .firestore()
                    .collection("messages")
                    .document(SurveyMessages.messageId(conversationId, RatingKind.CSAT))
                    .get()),
        DocumentSnapshot::exists);
    String next = send(phone, "necesito ayuda con otra cosa").conversationId();
    assertNotEquals(conversationId, next);
    String after = send(phone, "5").conversationId();
    assertEquals(next, after, "a 5 in the new, open conversation is an ordinary message");
    assertNull(
        FirestoreCalls.await(
                stack
                    .env
                    .firestore()
                    .collection("ratings")
                    .document(conversationId + "_csat")
                    .get())
            .getData());
  }

  @Test
  void aConversationClosedAfterTheWhatsAppSessionWindowGetsNoSurvey() throws Exception {
    String phone = "+5215577003300";
    String conversationId = send(phone, "hola").conversationId();
    // the customer's last message is 25 h old: WhatsApp only lets a template through now
    FirestoreCalls.await(
        stack
            .env
            .firestore()
            .collection("conversations")
            .document(conversationId)
            .update(
                "lastInboundAt",
                com.google.cloud.Timestamp.ofTimeSecondsAndNanos(
                    java.time.Instant.now().minus(Duration.ofHours(25)).getEpochSecond(), 0)));
    close(conversationId);
    assertTrue(bridge.awaitIdle(Duration.ofSeconds(20)));
    assertEquals(0, surveyMessages(conversationId, RatingKind.CSAT.question()));
  }

  @Test
  void aWorkspaceThatTurnedSurveysOffGetsNone() throws Exception {
    var workspace =
        stack.env.firestore().collection("workspaces").document(StackUnderTest.WORKSPACE);
    FirestoreCalls.await(workspace.update("ratingSurveyEnabled", false));
    try {
      String conversationId = send("+5215577004400", "hola").conversationId();
      close(conversationId);
      assertTrue(bridge.awaitIdle(Duration.ofSeconds(20)));
      assertEquals(0, surveyMessages(conversationId, RatingKind.CSAT.question()));
    } finally {
      FirestoreCalls.await(workspace.update("ratingSurveyEnabled", true));
    }
  }

  private static void close(String conversationId) {
    FirestoreCalls.await(
        stack
            .env
            .firestore()
            .collection("conversations")
            .document(conversationId)
            .update(
                "status",
                "closed",
                "resolvedInFirstContact",
                true,
                "closedAt",
                com.google.cloud.Timestamp.now()));
  }

  private static int surveyMessages(String conversationId, String body) {
    List<QueryDocumentSnapshot> docs =
        FirestoreCalls.await(
                stack
                    .env
                    .firestore()
                    .collection("messages")
                    .whereEqualTo("conversationId", conversationId)
                    .get())
            .getDocuments();
    return (int) docs.stream().filter(d -> body.equals(d.getString("body"))).count();
  }

  private record Sent(String sid, String conversationId) {}

  private static Sent send(String from, String body) {
    var inbound = stack.inbound(from, body);
    HttpResponse<String> response =
        stack.deliver(webhook.url("/webhooks/twilio/whatsapp"), inbound);
    assertEquals(200, response.statusCode(), response.body());
    DocumentSnapshot message =
        FirestoreCalls.await(
            stack
                .env
                .firestore()
                .collection("messages")
                .document("in_" + inbound.messageSid())
                .get());
    return new Sent(inbound.messageSid(), message.getString("conversationId"));
  }

  private static <T> T eventually(Callable<T> read, java.util.function.Predicate<T> done)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    T value = read.call();
    while (!done.test(value) && System.nanoTime() < deadline) {
      Thread.sleep(50);
      value = read.call();
    }
    assertTrue(done.test(value), "condition not reached in 20 s");
    return value;
  }
}
