package com.utalk.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.utalk.errors.NotFoundException;
import com.utalk.errors.ValidationException;
import com.utalk.json.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ValidatorsTest {
  @Test
  void documentIdsFirestoreWouldRefuseOrMisreadAreRefused() {
    for (String bad :
        new String[] {
          "",
          ".",
          "..",
          "__x__",
          "____",
          "a/b",
          "/",
          "a\u0000b",
          "tab\there",
          "x".repeat(201),
          "\ud800"
        }) {
      assertFalse(DocumentId.isValid(bad), "'" + bad + "'");
    }
    for (String good :
        new String[] {
          "c1", "in_SM0123", "ws-test~3f0f", "__x", "x__", "...", "a.b", "ñandú", "x".repeat(200)
        }) {
      assertTrue(DocumentId.isValid(good), good);
    }
    assertEquals(
        "agentId",
        assertThrows(ValidationException.class, () -> DocumentId.require("agentId", "a/b"))
            .field());
    assertThrows(NotFoundException.class, () -> DocumentId.existing("__id__"));
  }

  @Test
  void twilioSidsAreCheckedPerPrefix() {
    String hex = "0123456789abcdef0123456789abcdef";
    assertTrue(TwilioSid.MESSAGE.matches("SM" + hex));
    assertTrue(TwilioSid.MESSAGE.matches("MM" + hex));
    assertFalse(TwilioSid.MESSAGE.matches("AC" + hex), "an account SID is not a message SID");
    assertFalse(TwilioSid.MESSAGE.matches("SM" + hex + "/x"));
    assertFalse(TwilioSid.MESSAGE.matches("SM" + hex.substring(1)));
    assertTrue(TwilioSid.ACCOUNT.matches("AC" + hex));
    assertEquals(
        "MessageSid",
        assertThrows(
                ValidationException.class, () -> TwilioSid.MESSAGE.require("MessageSid", "SMx"))
            .field());
  }

  @Test
  void unpairedSurrogatesAreRefusedAndPairsAccepted() {
    assertTrue(Text.isWellFormed("emoji \ud83d\ude00 ok"));
    assertFalse(Text.isWellFormed("lone high \ud83d"));
    assertFalse(Text.isWellFormed("lone low \ude00 x"));
    assertFalse(Text.isWellFormed("reversed \ude00\ud83d"));
    assertThrows(ValidationException.class, () -> Text.check("body", "x".repeat(11), 10));
    assertEquals("ok", Text.check("body", "ok", 10));
  }

  @Test
  void invalidUtf8AndMalformedEscapesAreRefusedNotReplaced() {
    assertThrows(
        ValidationException.class, () -> StrictUtf8.decode(new byte[] {'a', (byte) 0xC3}, "body"));
    assertThrows(
        ValidationException.class,
        () -> StrictUtf8.decode(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, "body"),
        "an encoded surrogate is not UTF-8");
    assertEquals("ñ", StrictUtf8.decode("ñ".getBytes(StandardCharsets.UTF_8), "body"));
    assertEquals("a b/ñ", PercentEncoding.decode("a+b%2F%C3%B1", "form"));
    assertEquals("a+b", PercentEncoding.decode("a%2Bb", "form"));
    assertThrows(ValidationException.class, () -> PercentEncoding.decode("%FF", "form"));
    assertThrows(ValidationException.class, () -> PercentEncoding.decode("100%", "form"));
    assertThrows(ValidationException.class, () -> PercentEncoding.decode("%zz", "form"));
  }

  @Test
  void urlsAreBoundedAndAbsoluteHttp() {
    assertEquals(
        "https://api.twilio.com/x", WebUrl.require("MediaUrl0", "https://api.twilio.com/x"));
    assertThrows(
        ValidationException.class,
        () -> WebUrl.require("MediaUrl0", "https://h/" + "a".repeat(WebUrl.MAX_CHARS)));
    assertThrows(
        ValidationException.class, () -> WebUrl.require("MediaUrl0", "file:///etc/passwd"));
    assertThrows(ValidationException.class, () -> WebUrl.require("MediaUrl0", "/relative"));
    assertThrows(
        ValidationException.class, () -> WebUrl.require("MediaUrl0", "https://exa mple.com/"));
  }

  @Test
  void jsonStringsAtAnyDepthAreCheckedAndTrailingContentIsMalformed() {
    assertThrows(
        ValidationException.class,
        () -> JsonText.check(Json.read("{\"a\":[{\"b\":\"\\ud800\"}]}".getBytes()), 100));
    assertThrows(
        ValidationException.class,
        () -> JsonText.check(Json.read("{\"\\udc00\":1}".getBytes()), 100));
    assertThrows(
        ValidationException.class,
        () -> JsonText.check(Json.read(("{\"a\":\"" + "x".repeat(101) + "\"}").getBytes()), 100));
    assertThrows(
        ValidationException.class,
        () -> JsonText.check(Json.read(("[".repeat(20) + "]".repeat(20)).getBytes()), 100));
    JsonText.check(Json.read("{\"a\":[\"\\ud83d\\ude00\"]}".getBytes()), 100);
    assertThrows(
        Json.MalformedJsonException.class, () -> Json.read("{\"a\":1} trailing".getBytes()));
    assertThrows(Json.MalformedJsonException.class, () -> Json.read("{\"a\":1}{}".getBytes()));
    assertThrows(
        Json.MalformedJsonException.class, () -> Json.read(new byte[] {'"', (byte) 0xC3, '"'}));
  }
}
