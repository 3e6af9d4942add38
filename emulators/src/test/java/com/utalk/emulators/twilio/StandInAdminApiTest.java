package com.utalk.emulators.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.utalk.emulators.http.FormEncoding;
import com.utalk.emulators.testing.RecordingServer;
import com.utalk.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The stand-in's admin API ({@code /_standin/…}) as a developer drives it with curl: what each
 * route does, and the 400 / 404 / 409 with a message that a wrong request gets instead of a 500.
 */
class StandInAdminApiTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String JSON = "application/json";

  private TwilioStandIn standIn;
  private RecordingServer webhook;

  record Answer(int status, JsonNode json) {}

  @BeforeEach
  void start() {
    standIn = TwilioStandIn.start(TwilioAccount.LOCAL);
    webhook = new RecordingServer();
  }

  @AfterEach
  void stop() {
    standIn.close();
    webhook.close();
  }

  @Test
  void healthAndAnUnknownRoute() throws Exception {
    Answer health = admin("GET", "health", null, null);
    Answer unknown = admin("POST", "sends", JSON, "{}");

    assertEquals(200, health.status());
    assertEquals(standIn.baseUrl(), health.json().path("baseUrl").asText());
    assertEquals(404, unknown.status());
    assertEquals("no admin route POST /sends", unknown.json().path("message").asText());
  }

  @Test
  void aFaultOfAnUnknownKindWithoutItsCodeOrInBrokenJsonIsA400() throws Exception {
    Answer kind = admin("POST", "faults", JSON, "{\"kind\":\"sometimes\"}");
    Answer noCode = admin("POST", "faults", JSON, "{\"kind\":\"permanent\"}");
    Answer blankCode = admin("POST", "faults", FormEncoding.CONTENT_TYPE, "kind=delivery&code=");
    Answer broken = admin("POST", "faults", JSON, "{\"kind\":");
    Answer noKind = admin("POST", "faults", JSON, "{\"count\":2}");

    assertEquals(400, kind.status());
    assertEquals(
        "kind must be transient, permanent or delivery", kind.json().path("message").asText());
    assertEquals(400, noCode.status());
    assertEquals("missing field code", noCode.json().path("message").asText());
    assertEquals(400, blankCode.status());
    assertEquals(400, broken.status());
    assertEquals("bad_request", broken.json().path("error").asText());
    assertEquals(400, noKind.status());
  }

  @Test
  void aPermanentFaultMayCarryItsOwnStatusAndMessageUntilTheFaultsAreCleared() throws Exception {
    Answer queued =
        admin(
            "POST",
            "faults",
            JSON,
            "{\"kind\":\"permanent\",\"count\":2,\"code\":21408,\"status\":403,\"message\":\"región\"}");
    assertEquals(2, queued.json().path("queued").asInt());

    Answer refused = send(Map.of("Body", "x"));
    assertEquals(403, refused.status());
    assertEquals(21408, refused.json().path("code").asInt());
    assertEquals("región", refused.json().path("message").asText());

    assertEquals(200, admin("DELETE", "faults", null, null).status());
    assertEquals(201, send(Map.of("Body", "x")).status(), "the second fault was cleared");
  }

  @Test
  void aDeliveryFaultFromAFormFailsTheNextSendsCallback() throws Exception {
    admin("POST", "faults", FormEncoding.CONTENT_TYPE, "kind=delivery&code=63024");
    send(Map.of("Body", "x", "StatusCallback", webhook.baseUrl() + "/status"));

    CallbackDelivery callback = standIn.awaitCallbacks(1, Duration.ofSeconds(5)).get(0);

    assertEquals("failed", callback.messageStatus());
    assertEquals("63024", callback.params().get("ErrorCode"));
    assertEquals("Invalid message recipient", callback.params().get("ErrorMessage"));
  }

  @Test
  void statusCallbacksByHandNeedAStatusAndASendThatHasACallback() throws Exception {
    Answer nothingSent = admin("POST", "status-callbacks", JSON, "{\"status\":\"read\"}");
    assertEquals(400, nothingSent.status());
    assertEquals("nothing was sent yet", nothingSent.json().path("message").asText());

    send(Map.of("Body", "sin callback"));
    Answer noCallback = admin("POST", "status-callbacks", JSON, "{\"status\":\"read\"}");
    assertEquals(409, noCallback.status(), "the last send named no StatusCallback");
    assertEquals("conflict", noCallback.json().path("error").asText());

    Answer unknown =
        admin("POST", "status-callbacks", JSON, "{\"messageSid\":\"SMnope\",\"status\":\"read\"}");
    assertEquals(400, unknown.status());
    assertEquals("no message SMnope was sent", unknown.json().path("message").asText());

    Answer noStatus = admin("POST", "status-callbacks", JSON, "{}");
    assertEquals(400, noStatus.status());
    assertEquals("missing field status", noStatus.json().path("message").asText());
  }

  @Test
  void aHandFiredFailureCarriesTheGivenErrorAndIsListed() throws Exception {
    String sid =
        send(Map.of("Body", "x", "StatusCallback", webhook.baseUrl() + "/status"))
            .json()
            .path("sid")
            .asText();

    Answer fired =
        admin(
            "POST",
            "status-callbacks",
            JSON,
            "{\"messageSid\":\""
                + sid
                + "\",\"status\":\"failed\",\"errorCode\":63016,\"errorMessage\":\"ventana\"}");

    assertEquals(200, fired.status());
    Map<String, String> form =
        FormEncoding.firstValues(
            FormEncoding.parse(webhook.take(Duration.ofSeconds(5)).bodyText()));
    assertEquals("63016", form.get("ErrorCode"));
    assertEquals("ventana", form.get("ErrorMessage"));
    JsonNode listed = admin("GET", "status-callbacks", null, null).json().path("callbacks");
    assertEquals(1, listed.size());
    assertEquals(200, listed.get(0).path("httpStatus").asInt());
  }

  @Test
  void autoCallbacksAreSwitchedByFormOrJsonAndDefaultToOn() throws Exception {
    Answer off = admin("POST", "auto-status-callbacks", FormEncoding.CONTENT_TYPE, "enabled=false");
    assertEquals(false, off.json().path("autoStatusCallbacks").asBoolean(true));
    assertEquals(false, standIn.autoStatusCallbacks());

    Answer on = admin("POST", "auto-status-callbacks", JSON, "");
    assertEquals(true, on.json().path("autoStatusCallbacks").asBoolean(false));

    Answer untyped = admin("POST", "auto-status-callbacks", null, "{\"enabled\":false}");
    assertEquals(
        false, untyped.json().path("autoStatusCallbacks").asBoolean(true), "JSON by default");
  }

  @Test
  void sendersAreConfiguredLikeTheConsoleAndNeedBothFields() throws Exception {
    Answer missing = admin("POST", "senders", JSON, "{\"phoneNumber\":\"+14155238886\"}");
    Answer blank =
        admin("POST", "senders", JSON, "{\"phoneNumber\":\" \",\"smsUrl\":\"http://x/y\"}");
    Answer set =
        admin(
            "POST",
            "senders",
            JSON,
            "{\"phoneNumber\":\"+14155238886\",\"smsUrl\":\"" + webhook.baseUrl() + "/hook\"}");

    assertEquals(400, missing.status());
    assertEquals("missing field smsUrl", missing.json().path("message").asText());
    assertEquals(400, blank.status());
    assertEquals(200, set.status());
    JsonNode senders = admin("GET", "senders", null, null).json().path("senders");
    assertEquals(1, senders.size());
    assertEquals(webhook.baseUrl() + "/hook", senders.get(0).path("smsUrl").asText());
  }

  @Test
  void anInboundMessageNeedsValidNumbersOfTheAccountAndMayCarryMedia() throws Exception {
    standIn.configureSender("+14155238886", webhook.baseUrl() + "/webhooks/twilio/whatsapp");

    Answer badFrom =
        admin("POST", "inbound", JSON, "{\"from\":\"5512345678\",\"to\":\"+14155238886\"}");
    Answer notOurs =
        admin("POST", "inbound", JSON, "{\"from\":\"+5215512345678\",\"to\":\"+14155230000\"}");
    Answer noFrom = admin("POST", "inbound", JSON, "{\"to\":\"+14155238886\"}");
    assertEquals(400, badFrom.status());
    assertEquals("not an E.164 phone number", badFrom.json().path("message").asText());
    assertEquals(400, notOurs.status());
    assertEquals(
        "+14155230000 is not one of the account's numbers",
        notOurs.json().path("message").asText());
    assertEquals(400, noFrom.status());

    Answer delivered =
        admin(
            "POST",
            "inbound",
            JSON,
            "{\"from\":\"+5215512345678\",\"to\":\"+14155238886\",\"mediaContentType\":\"image/png\"}");

    assertEquals(200, delivered.status(), delivered.json().toString());
    assertEquals(200, delivered.json().path("webhookStatus").asInt());
    Map<String, String> form =
        FormEncoding.firstValues(
            FormEncoding.parse(webhook.take(Duration.ofSeconds(5)).bodyText()));
    assertEquals("hola", form.get("Body"), "the default text");
    assertEquals("image/png", form.get("MediaContentType0"));
    assertTrue(form.get("MediaUrl0").startsWith(standIn.baseUrl() + "/2010-04-01/Accounts/"));
    assertEquals(1, admin("GET", "inbound", null, null).json().path("inbound").size());

    String credentials =
        Base64.getEncoder()
            .encodeToString(
                (TwilioAccount.LOCAL.accountSid() + ":" + TwilioAccount.LOCAL.authToken())
                    .getBytes(StandardCharsets.UTF_8));
    HttpRequest download =
        HttpRequest.newBuilder(URI.create(form.get("MediaUrl0")))
            .header("Authorization", "Basic " + credentials)
            .build();
    admin("POST", "media-host", JSON, "{\"status\":404}");
    assertEquals(404, HTTP.send(download, HttpResponse.BodyHandlers.discarding()).statusCode());
    Answer again = admin("POST", "media-host", JSON, "{}");
    assertEquals(0, again.json().path("mediaHostStatus").asInt());
    HttpResponse<byte[]> served = HTTP.send(download, HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, served.statusCode());
    assertEquals("image/png", served.headers().firstValue("Content-Type").orElse(""));
  }

  @Test
  void aRotatedAuthTokenIsTheOnlyOneAcceptedAndABlankOneIsRefused() throws Exception {
    Answer blank = admin("POST", "auth-token", JSON, "{\"authToken\":\"\"}");
    assertEquals(400, blank.status());

    Answer rotated =
        admin("POST", "auth-token", JSON, "{\"authToken\":\"" + "f".repeat(32) + "\"}");

    assertEquals(200, rotated.status());
    Answer old = send(Map.of("Body", "x"));
    assertEquals(401, old.status());
    assertEquals(20003, old.json().path("code").asInt());
    assertEquals("f".repeat(32), standIn.account().authToken());
  }

  @Test
  void deletingTheSendsForgetsThem() throws Exception {
    send(Map.of("Body", "x"));

    assertEquals(200, admin("DELETE", "sends", null, null).status());

    JsonNode sends = admin("GET", "sends", null, null).json();
    assertEquals(0, sends.path("sends").size());
    assertEquals(0, sends.path("attempts").asInt());
  }

  private Answer admin(String method, String route, String contentType, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(standIn.baseUrl() + "/_standin/" + route))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    HttpResponse<byte[]> response =
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    return new Answer(response.statusCode(), Json.read(response.body()));
  }

  /** A send at Twilio's Messages path with the account's current credentials. */
  private Answer send(Map<String, String> fields) throws Exception {
    Map<String, String> form = new java.util.LinkedHashMap<>(fields);
    form.put("To", "whatsapp:+5215512345678");
    form.put("From", "whatsapp:+14155238886");
    String credentials =
        Base64.getEncoder()
            .encodeToString(
                (TwilioAccount.LOCAL.accountSid() + ":" + TwilioAccount.LOCAL.authToken())
                    .getBytes(StandardCharsets.UTF_8));
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(
                    standIn.baseUrl()
                        + "/2010-04-01/Accounts/"
                        + TwilioAccount.LOCAL.accountSid()
                        + "/Messages.json"))
            .header("Authorization", "Basic " + credentials)
            .header("Content-Type", FormEncoding.CONTENT_TYPE)
            .POST(HttpRequest.BodyPublishers.ofString(FormEncoding.encode(form)))
            .build();
    HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
    return new Answer(response.statusCode(), Json.read(response.body()));
  }
}
