package com.utalk.emulators.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.twilio.security.RequestValidator;
import com.utalk.emulators.http.FormEncoding;
import com.utalk.emulators.testing.RecordingServer;
import com.utalk.messaging.PhoneNumber;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InboundWebhookTest {
  private static final String PUBLIC_BASE_URL = "http://127.0.0.1:8080";

  @Test
  void textMessageHasTwiliosFieldsAndAValidSignature() throws Exception {
    try (RecordingServer gateway = new RecordingServer()) {
      InboundWebhook webhook =
          InboundWebhook.text(
              TwilioAccount.LOCAL,
              PhoneNumber.parse("+5215512345678"),
              PhoneNumber.parse("+14155238886"),
              "hola");

      SimulateInbound.Result result =
          SimulateInbound.post(
              webhook, URI.create(gateway.baseUrl() + InboundWebhook.PATH), PUBLIC_BASE_URL);

      assertEquals(200, result.status());
      RecordingServer.Received request = gateway.take(Duration.ofSeconds(5));
      assertEquals("POST", request.method());
      assertEquals("/webhooks/twilio/whatsapp", request.path());
      assertTrue(request.header("content-type").startsWith("application/x-www-form-urlencoded"));
      Map<String, String> form = FormEncoding.firstValues(FormEncoding.parse(request.bodyText()));
      assertEquals("whatsapp:+5215512345678", form.get("From"));
      assertEquals("whatsapp:+14155238886", form.get("To"));
      assertEquals("hola", form.get("Body"));
      assertEquals("5215512345678", form.get("WaId"));
      assertEquals("0", form.get("NumMedia"));
      assertEquals("received", form.get("SmsStatus"));
      assertEquals("2010-04-01", form.get("ApiVersion"));
      assertEquals(TwilioAccount.LOCAL.accountSid(), form.get("AccountSid"));
      assertEquals(form.get("MessageSid"), form.get("SmsMessageSid"));
      assertTrue(form.get("MessageSid").matches("SM[0-9a-f]{32}"));
      assertFalse(form.containsKey("MediaUrl0"));
      // Signed for the public URL the function reconstructs, not the address it was posted to.
      assertTrue(
          new RequestValidator(TwilioAccount.LOCAL.authToken())
              .validate(
                  PUBLIC_BASE_URL + "/webhooks/twilio/whatsapp",
                  form,
                  request.header("x-twilio-signature")));
    }
  }

  @Test
  void mediaMessageCarriesMediaFields() {
    Map<String, String> params =
        InboundWebhook.text(
                TwilioAccount.LOCAL,
                PhoneNumber.parse("+5215512345678"),
                PhoneNumber.parse("+14155238886"),
                "")
            .withMedia("https://example.com/cat.jpg", "image/jpeg")
            .params();
    assertEquals("1", params.get("NumMedia"));
    assertEquals("https://example.com/cat.jpg", params.get("MediaUrl0"));
    assertEquals("image/jpeg", params.get("MediaContentType0"));
    assertEquals("image", params.get("MessageType"));
  }

  @Test
  void mediaOfUnknownOrOtherTypeIsADocumentAndAMessagingServiceIsNamed() {
    InboundWebhook text =
        InboundWebhook.text(
            TwilioAccount.LOCAL,
            PhoneNumber.parse("+5215512345678"),
            PhoneNumber.parse("+14155238886"),
            null);
    Map<String, String> untyped = text.withMedia("https://example.com/file", null).params();
    Map<String, String> pdf =
        text.withMedia("https://example.com/a.pdf", "application/pdf")
            .withMessagingServiceSid("MG" + "0".repeat(32))
            .params();

    assertEquals("application/octet-stream", untyped.get("MediaContentType0"));
    assertEquals("document", untyped.get("MessageType"));
    assertEquals("", untyped.get("Body"), "no text: an empty Body, as Twilio sends");
    assertEquals("document", pdf.get("MessageType"));
    assertEquals("MG" + "0".repeat(32), pdf.get("MessagingServiceSid"));
    assertFalse(untyped.containsKey("MessagingServiceSid"));
  }
}
