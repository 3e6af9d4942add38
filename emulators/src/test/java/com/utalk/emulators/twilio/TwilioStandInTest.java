package com.utalk.emulators.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.security.RequestValidator;
import com.utalk.emulators.http.FormEncoding;
import com.utalk.emulators.testing.RecordingServer;
import com.utalk.emulators.testing.StandInHttpClient;
import com.utalk.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stand-in driven by the real Twilio SDK, as the backend's sender will drive it. */
class TwilioStandInTest {
  private static final TwilioAccount ACCOUNT = TwilioAccount.LOCAL;
  private static final com.twilio.type.PhoneNumber CUSTOMER =
      new com.twilio.type.PhoneNumber("whatsapp:+5215512345678");
  private static final com.twilio.type.PhoneNumber BUSINESS =
      new com.twilio.type.PhoneNumber("whatsapp:+14155238886");
  private static final Duration WAIT = Duration.ofSeconds(5);

  private static TwilioStandIn standIn;
  private static RecordingServer callbackReceiver;
  private static TwilioRestClient client;

  @BeforeAll
  static void start() {
    standIn = TwilioStandIn.start(TwilioStandIn.Options.forTests(ACCOUNT));
    callbackReceiver = new RecordingServer();
    client = sdk(ACCOUNT.authToken());
  }

  @AfterAll
  static void stop() {
    standIn.close();
    callbackReceiver.close();
  }

  @BeforeEach
  void reset() {
    standIn.reset();
    standIn.autoStatusCallbacks(false);
  }

  private static TwilioRestClient sdk(String authToken) {
    return new TwilioRestClient.Builder(ACCOUNT.accountSid(), authToken)
        .httpClient(new StandInHttpClient(standIn.baseUrl()))
        .build();
  }

  private static String callbackUrl() {
    return callbackReceiver.baseUrl() + "/webhooks/twilio/status";
  }

  @Test
  void acceptedSendIsRecordedAndParsedByTheSdk() {
    Message message =
        Message.creator(CUSTOMER, BUSINESS, "Hola, ¿en qué te ayudo?")
            .setStatusCallback(callbackUrl())
            .create(client);

    assertTrue(message.getSid().matches("SM[0-9a-f]{32}"), message.getSid());
    assertEquals(Message.Status.QUEUED, message.getStatus());
    assertEquals(ACCOUNT.accountSid(), message.getAccountSid());
    assertEquals("whatsapp:+5215512345678", message.getTo());
    assertEquals("whatsapp:+14155238886", message.getFrom().toString());
    assertEquals("Hola, ¿en qué te ayudo?", message.getBody());
    assertEquals("0", message.getNumMedia());
    assertEquals(Message.Direction.OUTBOUND_API, message.getDirection());
    assertNull(message.getErrorCode());
    assertNotNull(message.getDateCreated());

    List<SentMessage> sends = standIn.awaitSends(1, WAIT);
    SentMessage sent = sends.get(0);
    assertEquals(message.getSid(), sent.sid());
    assertEquals("whatsapp:+5215512345678", sent.to());
    assertEquals("whatsapp:+14155238886", sent.from());
    assertEquals("Hola, ¿en qué te ayudo?", sent.body());
    assertEquals(callbackUrl(), sent.statusCallback());
    assertEquals(List.of(), sent.mediaUrls());
    assertEquals(1, standIn.attempts());
  }

  @Test
  void mediaOnlySendIsAccepted() {
    Message message =
        Message.creator(
                CUSTOMER,
                BUSINESS,
                List.of(
                    URI.create("https://example.com/a.jpg"),
                    URI.create("https://example.com/b.pdf")))
            .create(client);
    assertEquals("2", message.getNumMedia());
    assertEquals(
        List.of("https://example.com/a.jpg", "https://example.com/b.pdf"),
        standIn.sends().get(0).mediaUrls());
  }

  @Test
  void wrongCredentialsAreRejectedWithTwilios20003() {
    ApiException error =
        assertThrows(
            ApiException.class,
            () -> Message.creator(CUSTOMER, BUSINESS, "hi").create(sdk("wrong-token")));
    assertEquals(20003, error.getCode());
    assertEquals(401, error.getStatusCode());
    assertEquals(0, standIn.sends().size());
  }

  @Test
  void invalidRequestsGetTwiliosValidationErrors() throws Exception {
    assertEquals(
        21211,
        rawSend(Map.of("To", "+5215512345678", "From", "whatsapp:+14155238886", "Body", "x"))
            .path("code")
            .asInt());
    assertEquals(
        21604, rawSend(Map.of("From", "whatsapp:+14155238886", "Body", "x")).path("code").asInt());
    assertEquals(
        21603, rawSend(Map.of("To", "whatsapp:+5215512345678", "Body", "x")).path("code").asInt());
    assertEquals(
        21212,
        rawSend(Map.of("To", "whatsapp:+5215512345678", "From", "whatsapp:123", "Body", "x"))
            .path("code")
            .asInt());
    JsonNode noBody =
        rawSend(Map.of("To", "whatsapp:+5215512345678", "From", "whatsapp:+14155238886"));
    assertEquals(21602, noBody.path("code").asInt());
    assertEquals(400, noBody.path("status").asInt());
    assertEquals("https://www.twilio.com/docs/errors/21602", noBody.path("more_info").asText());
    assertEquals(0, standIn.sends().size());
  }

  @Test
  void transientFaultsAreRetriedByTheSdkUntilTheyRunOut() {
    standIn.failNextTransient(1, 503);
    Message message = Message.creator(CUSTOMER, BUSINESS, "retry me").create(client);
    assertEquals(Message.Status.QUEUED, message.getStatus());
    assertEquals(2, standIn.attempts(), "the SDK retries a 5xx by itself");

    standIn.reset();
    standIn.failNextTransient(3, 500);
    ApiException error =
        assertThrows(
            ApiException.class, () -> Message.creator(CUSTOMER, BUSINESS, "down").create(client));
    assertEquals(500, error.getStatusCode());
    assertEquals(20500, error.getCode());
    assertEquals(3, standIn.attempts());
    assertEquals(0, standIn.sends().size());

    Message.creator(CUSTOMER, BUSINESS, "recovered").create(client);
    assertEquals(1, standIn.sends().size());
  }

  @Test
  void permanentFaultIsA400WithTheGivenCode() {
    standIn.failNextPermanent(1, 63016);
    ApiException error =
        assertThrows(
            ApiException.class, () -> Message.creator(CUSTOMER, BUSINESS, "late").create(client));
    assertEquals(63016, error.getCode());
    assertEquals(400, error.getStatusCode());
    assertTrue(error.getMessage().contains("outside the allowed window"), error.getMessage());
    assertEquals(1, standIn.attempts(), "a 4xx is not retried");
  }

  @Test
  void statusCallbackIsSignedLikeTwilios() throws Exception {
    Message message =
        Message.creator(CUSTOMER, BUSINESS, "hi").setStatusCallback(callbackUrl()).create(client);

    CallbackDelivery delivery = standIn.fireStatusCallback(message.getSid(), "delivered");

    assertTrue(delivery.succeeded());
    RecordingServer.Received request = callbackReceiver.take(WAIT);
    assertEquals("POST", request.method());
    assertEquals("/webhooks/twilio/status", request.path());
    Map<String, String> form = FormEncoding.firstValues(FormEncoding.parse(request.bodyText()));
    assertEquals(message.getSid(), form.get("MessageSid"));
    assertEquals("delivered", form.get("MessageStatus"));
    assertEquals(ACCOUNT.accountSid(), form.get("AccountSid"));
    assertEquals("whatsapp:+14155238886", form.get("From"));
    assertEquals("whatsapp:+5215512345678", form.get("To"));
    assertEquals("2010-04-01", form.get("ApiVersion"));
    assertTrue(!form.containsKey("ErrorCode"));
    assertTrue(
        new RequestValidator(ACCOUNT.authToken())
            .validate(callbackUrl(), form, request.header("x-twilio-signature")));

    Message fetched = Message.fetcher(message.getSid()).fetch(client);
    assertEquals(Message.Status.DELIVERED, fetched.getStatus());
  }

  @Test
  void failedStatusCallbackCarriesTheError() throws Exception {
    Message message =
        Message.creator(CUSTOMER, BUSINESS, "hi").setStatusCallback(callbackUrl()).create(client);
    standIn.fireStatusCallback(message.getSid(), "failed", 63016, null);

    Map<String, String> form =
        FormEncoding.firstValues(FormEncoding.parse(callbackReceiver.take(WAIT).bodyText()));
    assertEquals("failed", form.get("MessageStatus"));
    assertEquals("63016", form.get("ErrorCode"));
    assertTrue(form.get("ErrorMessage").contains("outside the allowed window"));
    assertEquals(63016, Message.fetcher(message.getSid()).fetch(client).getErrorCode());
  }

  @Test
  void autoModeSendsSentThenDelivered() throws Exception {
    standIn.autoStatusCallbacks(true);
    Message message =
        Message.creator(CUSTOMER, BUSINESS, "auto").setStatusCallback(callbackUrl()).create(client);

    List<CallbackDelivery> callbacks = standIn.awaitCallbacks(2, WAIT);
    assertEquals(
        List.of("sent", "delivered"),
        callbacks.stream().map(CallbackDelivery::messageStatus).toList());
    assertTrue(callbacks.stream().allMatch(c -> c.messageSid().equals(message.getSid())));
    callbackReceiver.take(WAIT);
    callbackReceiver.take(WAIT);
  }

  @Test
  void deliveryFaultAcceptsThenReportsFailure() throws Exception {
    standIn.failNextDeliveries(1, 63016);
    Message message =
        Message.creator(CUSTOMER, BUSINESS, "doomed")
            .setStatusCallback(callbackUrl())
            .create(client);
    assertEquals(Message.Status.QUEUED, message.getStatus());

    CallbackDelivery callback = standIn.awaitCallbacks(1, WAIT).get(0);
    assertEquals("failed", callback.messageStatus());
    assertEquals("63016", callback.params().get("ErrorCode"));
    callbackReceiver.take(WAIT);
  }

  @Test
  void adminApiListsSendsQueuesFaultsAndFiresCallbacks() throws Exception {
    Message message =
        Message.creator(CUSTOMER, BUSINESS, "via admin")
            .setStatusCallback(callbackUrl())
            .create(client);

    JsonNode sends = admin("GET", "/_standin/sends", null);
    assertEquals(message.getSid(), sends.path("sends").get(0).path("sid").asText());
    assertEquals(1, sends.path("attempts").asInt());

    JsonNode fired = admin("POST", "/_standin/status-callbacks", "{\"status\":\"read\"}");
    assertEquals(200, fired.path("httpStatus").asInt());
    assertEquals(
        "read",
        FormEncoding.firstValues(FormEncoding.parse(callbackReceiver.take(WAIT).bodyText()))
            .get("MessageStatus"));

    admin("POST", "/_standin/faults", "{\"kind\":\"permanent\",\"count\":1,\"code\":21610}");
    ApiException error =
        assertThrows(
            ApiException.class, () -> Message.creator(CUSTOMER, BUSINESS, "x").create(client));
    assertEquals(21610, error.getCode());

    admin("POST", "/_standin/reset", null);
    assertEquals(0, standIn.sends().size());
  }

  private static JsonNode admin(String method, String path, String json) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(standIn.baseUrl() + path))
            .header("Content-Type", "application/json")
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json))
            .build();
    HttpResponse<byte[]> response =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
    return Json.read(response.body());
  }

  private static JsonNode rawSend(Map<String, String> form) throws Exception {
    String credentials =
        Base64.getEncoder()
            .encodeToString(
                (ACCOUNT.accountSid() + ":" + ACCOUNT.authToken())
                    .getBytes(StandardCharsets.UTF_8));
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(
                    standIn.baseUrl()
                        + "/2010-04-01/Accounts/"
                        + ACCOUNT.accountSid()
                        + "/Messages.json"))
            .header("Authorization", "Basic " + credentials)
            .header("Content-Type", FormEncoding.CONTENT_TYPE)
            .POST(HttpRequest.BodyPublishers.ofString(FormEncoding.encode(form)))
            .build();
    HttpResponse<byte[]> response =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
    JsonNode body = Json.read(response.body());
    assertEquals(response.statusCode(), body.path("status").asInt());
    return body;
  }

  @Test
  void theSenderWebhookIsReadAndRepairedThroughTheSdkAndInboundMessagesArePostedToIt()
      throws Exception {
    String webhook = callbackReceiver.baseUrl() + "/webhooks/twilio/whatsapp";
    standIn.configureSender("+14155238886", "https://old-host.example/webhooks/twilio/whatsapp");

    List<com.twilio.rest.api.v2010.account.IncomingPhoneNumber> numbers =
        java.util.stream.StreamSupport.stream(
                com.twilio.rest.api.v2010.account.IncomingPhoneNumber.reader()
                    .setPhoneNumber(new com.twilio.type.PhoneNumber("+14155238886"))
                    .read(client)
                    .spliterator(),
                false)
            .toList();
    assertEquals(1, numbers.size());
    assertEquals(
        "https://old-host.example/webhooks/twilio/whatsapp", numbers.get(0).getSmsUrl().toString());

    // pointed elsewhere: the customer's message never reaches us, and Twilio's log says so
    InboundMessage lost =
        standIn.receive(
            com.utalk.messaging.PhoneNumber.parse("+5215512345678"),
            com.utalk.messaging.PhoneNumber.parse("+14155238886"),
            "hola");
    assertEquals(0, lost.webhookStatus());

    com.twilio.rest.api.v2010.account.IncomingPhoneNumber.updater(numbers.get(0).getSid())
        .setSmsUrl(URI.create(webhook))
        .update(client);
    InboundMessage delivered =
        standIn.receive(
            com.utalk.messaging.PhoneNumber.parse("+5215512345678"),
            com.utalk.messaging.PhoneNumber.parse("+14155238886"),
            "hola otra vez");
    assertEquals(200, delivered.webhookStatus());
    RecordingServer.Received request = callbackReceiver.take(WAIT);
    assertEquals("/webhooks/twilio/whatsapp", request.path());
    Map<String, String> form = FormEncoding.firstValues(FormEncoding.parse(request.bodyText()));
    assertEquals("hola otra vez", form.get("Body"));
    assertTrue(
        new RequestValidator(ACCOUNT.authToken())
            .validate(webhook, form, request.header("x-twilio-signature")),
        "signed for the configured URL, as Twilio signs");

    List<Message> log =
        java.util.stream.StreamSupport.stream(
                Message.reader()
                    .setTo(new com.twilio.type.PhoneNumber("whatsapp:+14155238886"))
                    .read(client)
                    .spliterator(),
                false)
            .toList();
    assertEquals(
        List.of(delivered.sid(), lost.sid()),
        log.stream().map(Message::getSid).toList(),
        "newest first");
    assertEquals(Message.Direction.INBOUND, log.get(0).getDirection());
    assertEquals(Integer.valueOf(11200), log.get(1).getErrorCode());
  }
}
