package com.utalk.functions.messaging;

import com.utalk.config.Settings;
import com.utalk.twilio.TwilioSignatureVerifier;

/** Settings shared by the Twilio webhooks: the auth token and the public URL Twilio calls. */
final class Webhooks {
  private Webhooks() {}

  static TwilioSignatureVerifier signatureVerifier(Settings settings) {
    return new TwilioSignatureVerifier(settings.require("TWILIO_AUTH_TOKEN"), settings.require("PUBLIC_BASE_URL"));
  }
}
