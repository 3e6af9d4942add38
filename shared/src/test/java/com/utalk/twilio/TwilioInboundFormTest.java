package com.utalk.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.utalk.errors.ValidationException;
import com.utalk.messaging.InboundMessage;
import com.utalk.messaging.MediaRef;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the webhook accepts from Twilio's form, and the 400 (naming the field) for what it refuses.
 */
class TwilioInboundFormTest {
  private static final String SID = "SM" + "0123456789abcdef0123456789abcdef";
  private static final String ACCOUNT = "AC" + "0123456789abcdef0123456789abcdef";

  private static Map<String, String> form() {
    Map<String, String> form = new HashMap<>();
    form.put("MessageSid", SID);
    form.put("AccountSid", ACCOUNT);
    form.put("From", "whatsapp:+5215512345678");
    form.put("To", "whatsapp:+14155238886");
    form.put("Body", "hola");
    form.put("ProfileName", "Ana");
    form.put("WaId", "5215512345678");
    return form;
  }

  @Test
  void readsATextMessage() {
    InboundMessage message = TwilioInboundForm.parse(form());
    assertEquals(SID, message.messageSid());
    assertEquals(ACCOUNT, message.accountSid());
    assertEquals("+5215512345678", message.from().e164());
    assertEquals("+14155238886", message.to().e164());
    assertEquals("hola", message.body());
    assertEquals("Ana", message.profileName());
    assertEquals("5215512345678", message.waId());
    assertTrue(message.media().isEmpty());
  }

  @Test
  void readsEveryAnnouncedMediaInOrder() {
    Map<String, String> form = form();
    form.put("NumMedia", " 2 ");
    form.put("MediaUrl0", "https://api.twilio.com/media/ME0");
    form.put("MediaContentType0", "image/jpeg");
    form.put("MediaUrl1", "https://api.twilio.com/media/ME1");
    form.put("MediaContentType1", "audio/ogg");
    form.remove("Body");
    InboundMessage message = TwilioInboundForm.parse(form);
    assertEquals(
        List.of(
            new MediaRef("https://api.twilio.com/media/ME0", "image/jpeg"),
            new MediaRef("https://api.twilio.com/media/ME1", "audio/ogg")),
        message.media());
    assertEquals("", message.body(), "a media-only message has an empty body");
  }

  @Test
  void optionalFieldsMayBeMissing() {
    Map<String, String> form = form();
    form.remove("AccountSid");
    form.remove("ProfileName");
    form.remove("WaId");
    form.put("NumMedia", "");
    InboundMessage message = TwilioInboundForm.parse(form);
    assertNull(message.accountSid());
    assertNull(message.profileName());
    assertTrue(message.media().isEmpty());
  }

  @Test
  void refusesWhatTwilioNeverSends() {
    assertRefused("MessageSid", without("MessageSid"));
    assertRefused("MessageSid", with("MessageSid", "SMnot-a-sid"));
    assertRefused("AccountSid", with("AccountSid", "AC123"));
    assertRefused("From", without("From"));
    assertRefused("From", with("From", "   "));
    assertRefused("To", with("To", "whatsapp:5512345678"));
    assertRefused("NumMedia", with("NumMedia", "11"));
    assertRefused("NumMedia", with("NumMedia", "-1"));
    assertRefused("NumMedia", with("NumMedia", "two"));
    assertRefused("MediaUrl0", with("NumMedia", "1"));
    Map<String, String> ftp = with("NumMedia", "1");
    ftp.put("MediaUrl0", "ftp://example.com/a.jpg");
    assertRefused("MediaUrl0", ftp);
    assertRefused("Body", with("Body", "x".repeat(TwilioInboundForm.MAX_BODY_CHARS + 1)));
    assertRefused("ProfileName", with("ProfileName", "\ud800"));
    assertRefused("WaId", with("WaId", "1".repeat(TwilioInboundForm.MAX_SHORT_FIELD_CHARS + 1)));
  }

  @Test
  void aBodyOfExactlyTheLimitIsAccepted() {
    String body = "x".repeat(TwilioInboundForm.MAX_BODY_CHARS);
    assertEquals(body, TwilioInboundForm.parse(with("Body", body)).body());
  }

  private static Map<String, String> with(String field, String value) {
    Map<String, String> form = form();
    form.put(field, value);
    return form;
  }

  private static Map<String, String> without(String field) {
    Map<String, String> form = form();
    form.remove(field);
    return form;
  }

  private static void assertRefused(String field, Map<String, String> form) {
    ValidationException refused =
        assertThrows(ValidationException.class, () -> TwilioInboundForm.parse(form));
    assertEquals(400, refused.status());
    assertEquals(field, refused.field(), refused.getMessage());
  }
}
