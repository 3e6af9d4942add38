package com.utalk.functions.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.utalk.errors.ValidationException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Twilio's form bodies decoded strictly: what a webhook reads, and the 400s for what it refuses.
 */
class FormBodyTest {
  private static Map<String, String> parse(String body) {
    return FormBody.parse(body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void decodesTwilioFieldsKeepingTheirOrder() {
    Map<String, String> form =
        parse("MessageSid=SM1&From=whatsapp%3A%2B5215512345678&Body=hola+mundo%21&Empty=&Bare");
    assertEquals(
        List.of("MessageSid", "From", "Body", "Empty", "Bare"), List.copyOf(form.keySet()));
    assertEquals("whatsapp:+5215512345678", form.get("From"));
    assertEquals("hola mundo!", form.get("Body"));
    assertEquals("", form.get("Empty"));
    assertEquals("", form.get("Bare"), "a name without '=' is an empty value");
  }

  @Test
  void decodesUtf8AndSkipsEmptyPairs() {
    Map<String, String> form = parse("&Body=%C2%A1Hola%2C+se%C3%B1or+%F0%9F%91%8B&&");
    assertEquals(Map.of("Body", "¡Hola, señor 👋"), form);
    assertTrue(parse("").isEmpty());
  }

  @Test
  void refusesAmbiguousOrBrokenBodiesWith400() {
    assertRefused("Body=a&Body=b", "appears more than once");
    assertRefused("Body=%ZZ", "malformed percent-escape");
    assertRefused("Body=%4", "malformed percent-escape");
    assertRefused("Body=%C3%28", "not valid UTF-8");
    assertRefused("Body=" + "x".repeat(FormBody.MAX_FIELD_CHARS + 1), "exceeds");
    assertRefused("N".repeat(FormBody.MAX_NAME_CHARS + 1) + "=1", "field name exceeds");
    assertRefused("Body=%ED%A0%80", "not valid UTF-8");
    ValidationException raw =
        assertThrows(
            ValidationException.class, () -> FormBody.parse(new byte[] {'B', '=', (byte) 0xff}));
    assertEquals(400, raw.status());
  }

  @Test
  void aValueOfExactlyTheCapIsAccepted() {
    String value = "x".repeat(FormBody.MAX_FIELD_CHARS);
    assertEquals(value, parse("Body=" + value).get("Body"));
  }

  private static void assertRefused(String body, String why) {
    ValidationException refused = assertThrows(ValidationException.class, () -> parse(body));
    assertEquals(400, refused.status());
    assertTrue(refused.getMessage().contains(why), refused.getMessage());
  }
}
