package com.utalk.emulators.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.twilio.security.RequestValidator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TwilioWebhookSignerTest {
  private static final String TOKEN = TwilioAccount.LOCAL.authToken();

  @Test
  void signatureIsAcceptedByTheSdksRequestValidator() {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("To", "whatsapp:+14155238886");
    params.put("From", "whatsapp:+5215512345678");
    params.put("Body", "hola, ¿cómo están? 👋 & = + %");
    params.put("MessageSid", "SM0123456789abcdef0123456789abcdef");
    params.put("NumMedia", "0");
    params.put("ProfileName", "");
    String url = "http://127.0.0.1:8080/webhooks/twilio/whatsapp";

    String signature = new TwilioWebhookSigner(TOKEN).sign(url, params);

    assertTrue(new RequestValidator(TOKEN).validate(url, params, signature));
  }

  @Test
  void signatureCoversUrlQueryAndEveryParameter() {
    Map<String, String> params = new HashMap<>(Map.of("b", "2", "a", "1", "B", "3"));
    String url = "https://example.com:8443/hook?x=1&y=two";
    TwilioWebhookSigner signer = new TwilioWebhookSigner(TOKEN);
    String signature = signer.sign(url, params);
    RequestValidator validator = new RequestValidator(TOKEN);

    assertTrue(validator.validate(url, params, signature));
    assertFalse(validator.validate(url.replace("y=two", "y=three"), params, signature));
    Map<String, String> tampered = new HashMap<>(params);
    tampered.put("a", "9");
    assertFalse(validator.validate(url, tampered, signature));
    assertFalse(new RequestValidator("another-token").validate(url, params, signature));
  }

  @Test
  void emptyParametersSignTheUrlAlone() {
    String url = "http://127.0.0.1:8080/webhooks/twilio/status";
    String signature = new TwilioWebhookSigner(TOKEN).sign(url, Map.of());
    assertTrue(new RequestValidator(TOKEN).validate(url, Map.of(), signature));
    assertEquals(28, signature.length(), "base64 of a 20-byte SHA-1 HMAC");
  }
}
