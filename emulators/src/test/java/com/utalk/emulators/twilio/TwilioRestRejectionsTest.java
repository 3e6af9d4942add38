package com.utalk.emulators.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.utalk.emulators.http.FormEncoding;
import com.utalk.emulators.testing.RecordingServer;
import com.utalk.json.Json;
import com.utalk.messaging.PhoneNumber;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the stand-in refuses at Twilio's REST paths, as Twilio does (HTTP status, Twilio's error
 * {@code code} and JSON shape), and the edges of what it accepts: requests the SDK would never
 * build, sent raw.
 */
class TwilioRestRejectionsTest {
  private static final TwilioAccount ACCOUNT = TwilioAccount.LOCAL;
  private static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT.accountSid();
  private static final String TO = "whatsapp:+5215512345678";
  private static final String FROM = "whatsapp:+14155238886";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static TwilioStandIn standIn;
  private RecordingServer receiver;

  record Answer(int status, JsonNode json, HttpResponse<byte[]> response) {
    /** The sid of an accepted send. */
    String sid() {
      assertEquals(201, status, json.toString());
      return json.path("sid").asText();
    }
  }

  @BeforeAll
  static void start() {
    standIn = TwilioStandIn.start(ACCOUNT);
  }

  @AfterAll
  static void stop() {
    standIn.close();
  }

  @BeforeEach
  void reset() {
    standIn.reset();
    receiver = new RecordingServer(); // webhooks and callbacks of this test only
  }

  @AfterEach
  void closeReceiver() {
    receiver.close();
  }

  @Test
  void everyBadCredentialIsTwilios401WithABasicChallenge() throws Exception {
    Map<String, String> form = Map.of("To", TO, "From", FROM, "Body", "x");
    List<String> headers =
        List.of(
            "Bearer " + ACCOUNT.authToken(),
            "Basic %%% not base64",
            "Basic " + base64(ACCOUNT.accountSid()), // no colon, no token
            "Basic " + base64(ACCOUNT.accountSid() + ":wrong-token"),
            "Basic " + base64("AC" + "0".repeat(32) + ":" + ACCOUNT.authToken()));
    for (String header : headers) {
      Answer answer = send("POST", MESSAGES + "/Messages.json", header, form);
      assertEquals(401, answer.status(), header);
      assertEquals(20003, answer.json().path("code").asInt(), header);
      assertEquals(
          "Basic realm=\"Twilio API\"",
          answer.response().headers().firstValue("WWW-Authenticate").orElse(null));
    }
    Answer none = send("POST", MESSAGES + "/Messages.json", null, form);
    assertEquals(401, none.status());
    Answer otherAccount =
        send("POST", "/2010-04-01/Accounts/AC" + "1".repeat(32) + "/Messages.json", auth(), form);
    assertEquals(401, otherAccount.status(), "the right credentials for another account's path");
    assertEquals(0, standIn.sends().size());
    assertEquals(7, standIn.attempts(), "each attempt is counted, as the SDK's retries would be");
  }

  @Test
  void anUnknownMessageOrPathIsTwilios404() throws Exception {
    Answer unknown =
        send("GET", MESSAGES + "/Messages/SM" + "0".repeat(32) + ".json", auth(), null);
    assertEquals(404, unknown.status());
    assertEquals(20404, unknown.json().path("code").asInt());
    assertTrue(
        unknown
            .json()
            .path("message")
            .asText()
            .contains("/Messages/SM" + "0".repeat(32) + ".json"));

    assertEquals(404, send("DELETE", MESSAGES + "/Messages.json", auth(), null).status());
    assertEquals(404, send("GET", MESSAGES + "/Calls.json", auth(), null).status());
    Answer outside = send("GET", "/v1/Services", auth(), null);
    assertEquals(404, outside.status());
    assertEquals(20404, outside.json().path("code").asInt());
  }

  @Test
  void fetchingAMessageNeedsTheAccountsCredentials() throws Exception {
    String sid = send("POST", MESSAGES + "/Messages.json", auth(), form("Body", "hola")).sid();

    Answer denied =
        send(
            "GET",
            MESSAGES + "/Messages/" + sid + ".json",
            "Basic " + base64(ACCOUNT.accountSid() + ":nope"),
            null);
    Answer fetched = send("GET", MESSAGES + "/Messages/" + sid + ".json", auth(), null);

    assertEquals(401, denied.status());
    assertEquals(200, fetched.status());
    assertEquals("hola", fetched.json().path("body").asText());
    assertEquals("queued", fetched.json().path("status").asText());
  }

  @Test
  void aBodyOverTwilios1600CharacterLimitIs21617CountedInCharactersNotUtf16Units()
      throws Exception {
    Answer tooLong =
        send("POST", MESSAGES + "/Messages.json", auth(), form("Body", "a".repeat(1601)));
    Answer emoji =
        send("POST", MESSAGES + "/Messages.json", auth(), form("Body", "😀".repeat(1600)));

    assertEquals(400, tooLong.status());
    assertEquals(21617, tooLong.json().path("code").asInt());
    assertEquals(201, emoji.status(), "1600 emoji are 3200 UTF-16 units but 1600 characters");
  }

  @Test
  void anEmptyBodyIsNoContentButATemplateIs() throws Exception {
    Answer empty = send("POST", MESSAGES + "/Messages.json", auth(), form("Body", ""));
    Answer template =
        send(
            "POST", MESSAGES + "/Messages.json", auth(), form("ContentSid", "HX" + "0".repeat(32)));

    assertEquals(400, empty.status());
    assertEquals(21602, empty.json().path("code").asInt());
    assertEquals(201, template.status());
    assertEquals(List.of("HX" + "0".repeat(32)), standIn.sends().get(0).params().get("ContentSid"));
  }

  @Test
  void aMessagingServiceMaySendWithoutFromAndItsCallbacksNameIt() throws Exception {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("To", TO);
    form.put("MessagingServiceSid", "MG" + "0".repeat(32));
    form.put("Body", "desde el servicio");
    form.put("StatusCallback", receiver.baseUrl() + "/status");
    Answer accepted = send("POST", MESSAGES + "/Messages.json", auth(), form);
    assertEquals(201, accepted.status(), accepted.json().toString());
    SentMessage sent = standIn.sends().get(0);
    assertNull(sent.from());
    assertEquals("MG" + "0".repeat(32), sent.messagingServiceSid());

    CallbackDelivery delivery = standIn.fireStatusCallback(sent.sid(), "undelivered");

    assertTrue(delivery.succeeded());
    Map<String, String> callback =
        FormEncoding.firstValues(
            FormEncoding.parse(receiver.take(Duration.ofSeconds(5)).bodyText()));
    assertEquals("MG" + "0".repeat(32), callback.get("MessagingServiceSid"));
    assertFalse(callback.containsKey("From"), "Twilio sends no From it was not given");
    assertEquals("30008", callback.get("ErrorCode"), "Twilio's unknown-error code by default");
    assertEquals("Twilio error 30008 (simulated by the stand-in)", callback.get("ErrorMessage"));
  }

  @Test
  void aCallbackToAnUnreachableUrlIsRecordedAsFailedAndAStatusWithoutCallbackIsRefused()
      throws Exception {
    Map<String, String> form = form("Body", "x");
    form.put("StatusCallback", "http://127.0.0.1:1/status");
    String sid = send("POST", MESSAGES + "/Messages.json", auth(), form).sid();
    String silent = send("POST", MESSAGES + "/Messages.json", auth(), form("Body", "y")).sid();

    CallbackDelivery delivery =
        standIn.fireStatusCallback(sid, "failed", 63016, "fuera de la ventana");

    assertEquals(-1, delivery.httpStatus());
    assertTrue(delivery.error() != null && delivery.error().contains("ConnectException"));
    assertEquals("fuera de la ventana", delivery.params().get("ErrorMessage"));
    assertEquals(List.of(delivery), standIn.callbacks(), "recorded though it failed");
    Answer fetched = send("GET", MESSAGES + "/Messages/" + sid + ".json", auth(), null);
    assertEquals("failed", fetched.json().path("status").asText(), "the message's state moved");
    assertEquals(63016, fetched.json().path("error_code").asInt());
    IllegalStateException refused =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalStateException.class, () -> standIn.fireStatusCallback(silent, "delivered"));
    assertTrue(refused.getMessage().contains("without a StatusCallback"));
  }

  @Test
  void theMessageLogIsFilteredByFromAndToAndPaged() throws Exception {
    standIn.configureSender("+14155238886", receiver.baseUrl() + "/webhooks/twilio/whatsapp");
    standIn.receive(PhoneNumber.parse("+5215511111111"), PhoneNumber.parse("+14155238886"), "uno");
    standIn.receive(PhoneNumber.parse("+5215522222222"), PhoneNumber.parse("+14155238886"), "dos");
    standIn.receive(PhoneNumber.parse("+5215511111111"), PhoneNumber.parse("+14155238886"), "tres");

    JsonNode fromOne =
        send("GET", MESSAGES + "/Messages.json?From=whatsapp:%2B5215511111111", auth(), null)
            .json();
    JsonNode firstPage = send("GET", MESSAGES + "/Messages.json?PageSize=2", auth(), null).json();
    JsonNode toOther =
        send("GET", MESSAGES + "/Messages.json?To=whatsapp:%2B15550000000", auth(), null).json();
    Answer denied = send("GET", MESSAGES + "/Messages.json", null, null);

    assertEquals(List.of("tres", "uno"), bodies(fromOne));
    assertEquals(List.of("tres", "dos"), bodies(firstPage), "newest first, one page");
    assertEquals(2, firstPage.path("page_size").asInt());
    assertEquals(List.of(), bodies(toOther));
    assertEquals(401, denied.status());
  }

  @Test
  void phoneNumbersAreListedFetchedAndUpdatedAtTwiliosPaths() throws Exception {
    SenderConfig number = standIn.configureSender("+14155238886", "https://a.example/hook");
    standIn.configureSender("+14155230000", "https://b.example/hook");
    String numbers = MESSAGES + "/IncomingPhoneNumbers";

    JsonNode all = send("GET", numbers + ".json", auth(), null).json();
    JsonNode none = send("GET", numbers + ".json?PhoneNumber=%2B19999999999", auth(), null).json();
    JsonNode one = send("GET", numbers + "/" + number.sid() + ".json", auth(), null).json();
    JsonNode methodOnly =
        send("POST", numbers + "/" + number.sid() + ".json", auth(), Map.of("SmsMethod", "GET"))
            .json();

    assertEquals(2, all.path("incoming_phone_numbers").size());
    assertEquals(0, none.path("incoming_phone_numbers").size());
    assertEquals("https://a.example/hook", one.path("sms_url").asText());
    assertEquals("GET", methodOnly.path("sms_method").asText());
    assertEquals("https://a.example/hook", methodOnly.path("sms_url").asText(), "the URL is kept");
  }

  @Test
  void anUnknownPhoneNumberOrMethodIs404AndBadCredentials401() throws Exception {
    String unknown = MESSAGES + "/IncomingPhoneNumbers/PN" + "0".repeat(32) + ".json";
    SenderConfig number = standIn.configureSender("+14155238886", "https://a.example/hook");

    assertEquals(404, send("GET", unknown, auth(), null).status());
    assertEquals(404, send("POST", unknown, auth(), Map.of("SmsUrl", "https://x")).status());
    Answer delete =
        send("DELETE", MESSAGES + "/IncomingPhoneNumbers/" + number.sid() + ".json", auth(), null);
    assertEquals(404, delete.status());
    assertEquals(20404, delete.json().path("code").asInt());
    Answer denied =
        send("GET", MESSAGES + "/IncomingPhoneNumbers.json", "Basic " + base64("x:y"), null);
    assertEquals(401, denied.status());
    assertEquals(20003, denied.json().path("code").asInt());
    assertEquals(
        "https://a.example/hook", standIn.senders().get(0).smsUrl(), "nothing was changed");
  }

  @Test
  void aRateLimitFaultIsTwilios429AndTheNextSendGoesThrough() throws Exception {
    standIn.failNextTransient(1, 429);

    Answer limited = send("POST", MESSAGES + "/Messages.json", auth(), form("Body", "x"));
    Answer next = send("POST", MESSAGES + "/Messages.json", auth(), form("Body", "x"));

    assertEquals(429, limited.status());
    assertEquals(20429, limited.json().path("code").asInt());
    assertEquals("Too Many Requests", limited.json().path("message").asText());
    assertEquals(201, next.status());
  }

  @Test
  void writesTheStandInDoesNotImplementAre404NotSilentSuccess() throws Exception {
    String sid = send("POST", MESSAGES + "/Messages.json", auth(), form("Body", "x")).sid();

    Answer redact =
        send("POST", MESSAGES + "/Messages/" + sid + ".json", auth(), Map.of("Body", ""));
    Answer buyNumber =
        send(
            "POST",
            MESSAGES + "/IncomingPhoneNumbers.json",
            auth(),
            Map.of("PhoneNumber", "+14155550000"));

    assertEquals(404, redact.status());
    assertEquals(20404, redact.json().path("code").asInt());
    assertEquals(404, buyNumber.status());
    assertEquals("x", standIn.sends().get(0).body(), "the message is untouched");
    assertTrue(
        standIn.senders().stream().noneMatch(n -> n.phoneNumber().equals("+14155550000")),
        "no number was bought");
  }

  @Test
  void aCallbackAnsweredWithA5xxIsRecordedAsNotSucceeded() throws Exception {
    receiver.thenReply(RecordingServer.Reply.of(500));
    Map<String, String> form = form("Body", "x");
    form.put("StatusCallback", receiver.baseUrl() + "/status");
    String sid = send("POST", MESSAGES + "/Messages.json", auth(), form).sid();

    CallbackDelivery delivery = standIn.fireStatusCallback(sid, "delivered");

    assertEquals(500, delivery.httpStatus());
    assertFalse(delivery.succeeded(), "Twilio does not retry; the failure is only recorded");
    assertNull(delivery.error());
    assertEquals("delivered", delivery.messageStatus());
  }

  private static List<String> bodies(JsonNode page) {
    List<String> bodies = new java.util.ArrayList<>();
    page.path("messages").forEach(message -> bodies.add(message.path("body").asText()));
    return bodies;
  }

  private static Map<String, String> form(String key, String value) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("To", TO);
    form.put("From", FROM);
    form.put(key, value);
    return form;
  }

  private static String auth() {
    return "Basic " + base64(ACCOUNT.accountSid() + ":" + ACCOUNT.authToken());
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static Answer send(
      String method, String path, String authorization, Map<String, String> form) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(standIn.baseUrl() + path))
            .method(
                method,
                form == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(FormEncoding.encode(form)));
    if (form != null) {
      request.header("Content-Type", FormEncoding.CONTENT_TYPE);
    }
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    HttpResponse<byte[]> response =
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    return new Answer(response.statusCode(), Json.read(response.body()), response);
  }
}
