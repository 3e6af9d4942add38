package com.utalk.functions.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.utalk.emulators.twilio.InboundWebhook;
import com.utalk.functions.testing.FunctionServer;
import com.utalk.functions.testing.StackUnderTest;
import com.utalk.json.Json;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Twilio webhooks refuse malformed input with a 4xx in the one error shape and store nothing. */
class WebhookHardeningTest {
  private static StackUnderTest stack;
  private static FunctionServer webhook;
  private static FunctionServer status;

  @BeforeAll
  static void start() {
    stack = new StackUnderTest();
    webhook = FunctionServer.http(WhatsAppInboundWebhook.class, stack.settings());
    status = FunctionServer.http(TwilioStatusCallback.class, stack.settings());
  }

  @AfterAll
  static void stop() throws Exception {
    status.close();
    webhook.close();
    stack.close();
  }

  static void assertRefused(int expected, HttpResponse<String> response) {
    assertEquals(expected, response.statusCode(), response.body());
    JsonNode body = Json.read(response.body().getBytes(StandardCharsets.UTF_8));
    assertFalse(body.path("error").asText().isEmpty(), response.body());
    assertFalse(body.path("message").asText().isEmpty(), response.body());
    assertEquals(
        response.headers().firstValue("X-Request-ID").orElse(null),
        body.path("requestId").asText());
  }

  static HttpResponse<String> postRaw(
      String url, String contentType, byte[] body, String signature) {
    return stack.postRaw(url, contentType, body, signature);
  }

  private boolean stored(String sid) throws Exception {
    return stack.env.firestore().collection("messages").document("in_" + sid).get().get().exists();
  }

  @Test
  void invalidUtf8IsRefusedNotStoredWithReplacementCharacters() throws Exception {
    InboundWebhook inbound = stack.inbound("+5215519990001", "hola");
    String encoded = StackUnderTest.encode(inbound.params()) + "&Body=caf%C3";
    byte[] raw = encoded.getBytes(StandardCharsets.US_ASCII);
    assertRefused(
        400,
        postRaw(
            webhook.url(WhatsAppInboundWebhook.PATH),
            "application/x-www-form-urlencoded",
            raw,
            inbound.signature(StackUnderTest.PUBLIC_BASE_URL)));
    byte[] rawByte =
        (StackUnderTest.encode(inbound.params()) + "&ProfileName=")
            .getBytes(StandardCharsets.US_ASCII);
    byte[] withInvalidByte = java.util.Arrays.copyOf(rawByte, rawByte.length + 1);
    withInvalidByte[rawByte.length] = (byte) 0xFF;
    assertRefused(
        400,
        postRaw(
            webhook.url(WhatsAppInboundWebhook.PATH),
            "application/x-www-form-urlencoded",
            withInvalidByte,
            inbound.signature(StackUnderTest.PUBLIC_BASE_URL)));
    assertFalse(stored(inbound.messageSid()));
  }

  @Test
  void aRepeatedFieldIsAmbiguousAndRefused() throws Exception {
    InboundWebhook inbound = stack.inbound("+5215519990004", "hola");
    byte[] body =
        (StackUnderTest.encode(inbound.params()) + "&Body=otro").getBytes(StandardCharsets.UTF_8);
    assertRefused(
        400,
        postRaw(
            webhook.url(WhatsAppInboundWebhook.PATH),
            "application/x-www-form-urlencoded",
            body,
            inbound.signature(StackUnderTest.PUBLIC_BASE_URL)));
    assertFalse(stored(inbound.messageSid()));
  }

  @Test
  void theContentTypeIsComparedByMediaTypeNotByPrefix() throws Exception {
    InboundWebhook inbound = stack.inbound("+5215519990002", "hola");
    byte[] body = StackUnderTest.encode(inbound.params()).getBytes(StandardCharsets.UTF_8);
    assertRefused(
        415,
        postRaw(
            webhook.url(WhatsAppInboundWebhook.PATH),
            "application/x-www-form-urlencoded-evil",
            body,
            inbound.signature(StackUnderTest.PUBLIC_BASE_URL)));
    assertFalse(stored(inbound.messageSid()));
    HttpResponse<String> accepted =
        postRaw(
            webhook.url(WhatsAppInboundWebhook.PATH),
            "Application/X-WWW-Form-Urlencoded; charset=UTF-8",
            body,
            inbound.signature(StackUnderTest.PUBLIC_BASE_URL));
    assertEquals(200, accepted.statusCode(), accepted.body());
    assertTrue(stored(inbound.messageSid()));
  }

  @Test
  void aSignedButOverlongMediaUrlIsRefusedOnArrival() throws Exception {
    InboundWebhook inbound = stack.inbound("+5215519990003", "");
    Map<String, String> form = new LinkedHashMap<>(inbound.params());
    form.put("NumMedia", "1");
    form.put("MediaUrl0", "https://api.twilio.com/" + "a".repeat(50_000));
    form.put("MediaContentType0", "image/jpeg");
    assertRefused(
        400,
        stack.post(
            webhook.url(WhatsAppInboundWebhook.PATH),
            form,
            stack.sign(WhatsAppInboundWebhook.PATH, form),
            Map.of()));
    form.put("MediaUrl0", "https://api.twilio.com/" + "a".repeat(3_000));
    assertRefused(
        400,
        stack.post(
            webhook.url(WhatsAppInboundWebhook.PATH),
            form,
            stack.sign(WhatsAppInboundWebhook.PATH, form),
            Map.of()));
    form.put("MediaUrl0", "file:///etc/passwd");
    assertRefused(
        400,
        stack.post(
            webhook.url(WhatsAppInboundWebhook.PATH),
            form,
            stack.sign(WhatsAppInboundWebhook.PATH, form),
            Map.of()));
    assertFalse(stored(inbound.messageSid()));
  }

  @Test
  void aStatusCallbackForSomethingThatIsNotAMessageSidIsRefusedAndNotParked() throws Exception {
    String hex = "0123456789abcdef0123456789abcdef";
    for (String sid :
        new String[] {
          "SM" + hex + "/x", "AC" + hex, "__x__", "x".repeat(40), "SM" + hex.substring(2)
        }) {
      Map<String, String> form = new LinkedHashMap<>();
      form.put("MessageSid", sid);
      form.put("MessageStatus", "delivered");
      form.put("AccountSid", stack.account.accountSid());
      assertRefused(
          400,
          stack.post(
              status.url(TwilioStatusCallback.PATH),
              form,
              stack.sign(TwilioStatusCallback.PATH, form),
              Map.of()));
    }
    assertEquals(
        0, stack.env.firestore().collection("twilioSids").get().get().size(), "nothing parked");
    Map<String, String> badCode =
        new LinkedHashMap<>(
            Map.of(
                "MessageSid", "SM" + hex, "MessageStatus", "failed", "ErrorCode", "30008; drop"));
    assertRefused(
        400,
        stack.post(
            status.url(TwilioStatusCallback.PATH),
            badCode,
            stack.sign(TwilioStatusCallback.PATH, badCode),
            Map.of()));
  }
}
