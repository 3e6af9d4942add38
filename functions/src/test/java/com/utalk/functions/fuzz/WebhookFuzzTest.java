package com.utalk.functions.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.utalk.emulators.twilio.InboundWebhook;
import com.utalk.functions.messaging.TwilioStatusCallback;
import com.utalk.functions.messaging.WhatsAppInboundWebhook;
import com.utalk.functions.testing.FunctionServer;
import com.utalk.functions.testing.StackUnderTest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Generated Twilio webhooks, correctly signed (so they get past the signature and exercise the
 * parsing) or raw bytes: never a 5xx, always the JSON error shape, nothing stored on refusal.
 * Bounded tries keep it to seconds.
 */
class WebhookFuzzTest {
  private static final String HEX = "0123456789abcdef0123456789abcdef";
  private static StackUnderTest stack;
  private static FunctionServer inbound;
  private static FunctionServer status;

  @BeforeContainer
  static void start() {
    stack = new StackUnderTest();
    inbound = FunctionServer.http(WhatsAppInboundWebhook.class, stack.settings());
    status = FunctionServer.http(TwilioStatusCallback.class, stack.settings());
  }

  @AfterContainer
  static void stop() throws Exception {
    status.close();
    inbound.close();
    stack.close();
  }

  /**
   * Text a fuzzer likes: empty, huge, control characters, surrogates, escapes, slashes, reserved
   * ids.
   */
  @Provide
  Arbitrary<String> nasty() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(40),
        Arbitraries.strings().withChars("/%_.\\\u0000\ud800\udc00\u202e+&=?#").ofMaxLength(12),
        Arbitraries.of(
            "",
            " ",
            "__x__",
            ".",
            "..",
            "a/b",
            "%zz",
            "whatsapp:+",
            "whatsapp:+5215512345678",
            "SM" + HEX,
            "AC" + HEX,
            "-1",
            "11",
            "99999999999",
            "1e3",
            "file:///etc/passwd",
            "https://api.twilio.com/x",
            "x".repeat(9000)),
        Arbitraries.strings().ofMinLength(3000).ofMaxLength(12_000));
  }

  @Provide
  Arbitrary<Map<String, String>> inboundForms() {
    Arbitrary<String> field =
        Arbitraries.of(
            "MessageSid",
            "From",
            "To",
            "Body",
            "NumMedia",
            "MediaUrl0",
            "MediaContentType0",
            "AccountSid",
            "ProfileName",
            "WaId",
            "MediaUrl1",
            "X-Extra");
    return Combinators.combine(
            Arbitraries.maps(field, nasty()).ofMaxSize(6), Arbitraries.integers().between(0, 2))
        .as(
            (overrides, base) -> {
              Map<String, String> form =
                  new LinkedHashMap<>(
                      InboundWebhook.text(
                              stack.account,
                              com.utalk.messaging.PhoneNumber.parse("+5215512340000"),
                              StackUnderTest.BUSINESS_NUMBER,
                              "hola")
                          .params());
              if (base == 0) {
                form.clear();
              }
              form.putAll(overrides);
              return form;
            });
  }

  @Property(tries = 60)
  void signedInboundWebhooks(@ForAll("inboundForms") Map<String, String> form) throws Exception {
    int before = stack.env.firestore().collection("messages").get().get().size();
    HttpResponse<String> response =
        stack.post(
            inbound.url(WhatsAppInboundWebhook.PATH),
            form,
            stack.sign(WhatsAppInboundWebhook.PATH, form),
            Map.of());
    if (Refusals.check(response, Refusals.show(form))) {
      assertEquals(
          before,
          stack.env.firestore().collection("messages").get().get().size(),
          "stored on refusal: " + Refusals.show(form));
    }
  }

  @Provide
  Arbitrary<Map<String, String>> statusForms() {
    Arbitrary<String> sid =
        Arbitraries.oneOf(nasty(), Arbitraries.strings().withChars(HEX + "SMAC/").ofLength(34));
    Arbitrary<String> reported =
        Arbitraries.oneOf(
            nasty(),
            Arbitraries.of("sent", "delivered", "read", "failed", "undelivered", "queued"));
    return Combinators.combine(sid, reported, nasty(), nasty())
        .as(
            (s, r, code, message) -> {
              Map<String, String> form = new LinkedHashMap<>();
              form.put("MessageSid", s);
              form.put("MessageStatus", r);
              form.put("ErrorCode", code);
              form.put("ErrorMessage", message);
              return form;
            });
  }

  @Property(tries = 60)
  void signedStatusCallbacks(@ForAll("statusForms") Map<String, String> form) throws Exception {
    int before = stack.env.firestore().collection("twilioSids").get().get().size();
    HttpResponse<String> response =
        stack.post(
            status.url(TwilioStatusCallback.PATH),
            form,
            stack.sign(TwilioStatusCallback.PATH, form),
            Map.of());
    if (Refusals.check(response, Refusals.show(form))) {
      assertEquals(
          before,
          stack.env.firestore().collection("twilioSids").get().get().size(),
          "parked on refusal: " + Refusals.show(form));
    }
  }

  @Property(tries = 40)
  void rawBodiesAndContentTypes(
      @ForAll byte[] body, @ForAll("contentTypes") String contentType, @ForAll("paths") String path)
      throws Exception {
    HttpResponse<String> response =
        stack.postRaw(inbound.url(path), contentType, body, "bm90LWEtc2lnbmF0dXJl");
    assertEquals(
        true,
        Refusals.check(response, body.length + " bytes as " + contentType),
        "an unsigned body is never accepted");
  }

  @Provide
  Arbitrary<String> contentTypes() {
    return Arbitraries.of(
        "application/x-www-form-urlencoded",
        "application/x-www-form-urlencoded-evil",
        "text/plain",
        "application/x-www-form-urlencoded; charset=latin1",
        "APPLICATION/X-WWW-FORM-URLENCODED",
        "multipart/form-data; boundary=x");
  }

  @Provide
  Arbitrary<String> paths() {
    return Arbitraries.of(
        List.of(WhatsAppInboundWebhook.PATH, WhatsAppInboundWebhook.PATH + "?x=1", "/", "/other"));
  }
}
