package com.utalk.functions.messaging;

import com.utalk.config.Settings;
import com.utalk.errors.MethodNotAllowedException;
import com.utalk.functions.http.ContentType;
import com.utalk.functions.http.FormBody;
import com.utalk.functions.http.HttpCall;
import com.utalk.twilio.TwilioSignatureVerifier;
import java.io.IOException;
import java.util.Map;

/**
 * What every Twilio webhook shares: the auth token, the public URL Twilio calls, and the signed
 * form.
 */
final class Webhooks {
  /** Twilio's own webhook bodies stay far below this; anything bigger is not Twilio. */
  static final int MAX_BODY_BYTES = 64 * 1024;

  private Webhooks() {}

  static TwilioSignatureVerifier signatureVerifier(Settings settings) {
    return new TwilioSignatureVerifier(
        settings.require("TWILIO_AUTH_TOKEN"), settings.require("PUBLIC_BASE_URL"));
  }

  /**
   * A POSTed, bounded, form-encoded body whose X-Twilio-Signature matches {@code path} on the
   * public URL.
   */
  static Map<String, String> signedForm(
      HttpCall call, String path, TwilioSignatureVerifier verifier) throws IOException {
    var request = call.request();
    if (!"POST".equals(request.getMethod())) {
      throw new MethodNotAllowedException("use POST");
    }
    byte[] body = call.body(MAX_BODY_BYTES);
    ContentType.require(request.getContentType().orElse(null), "application/x-www-form-urlencoded");
    Map<String, String> form = FormBody.parse(body);
    verifier.verify(
        path + request.getQuery().map(q -> "?" + q).orElse(""),
        form,
        call.header("X-Twilio-Signature"));
    return form;
  }
}
