package com.utalk.functions.messaging;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import com.utalk.functions.http.HttpCall;
import com.utalk.functions.wiring.Backend;
import com.utalk.messaging.InboundIngestService;
import com.utalk.messaging.InboundMessage;
import com.utalk.twilio.TwilioInboundForm;
import com.utalk.twilio.TwilioSignatureVerifier;
import com.utalk.wiring.Lazy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * POST /webhooks/twilio/whatsapp: Twilio's inbound WhatsApp webhook. Answers an empty TwiML
 * response once the message is durably stored and announced; any storage or publish failure answers
 * 503 so that Twilio retries, and the retry completes the work.
 */
public final class WhatsAppInboundWebhook implements HttpFunction {
  public static final String PATH = "/webhooks/twilio/whatsapp";
  private static final byte[] EMPTY_TWIML =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>".getBytes(StandardCharsets.UTF_8);

  private final Backend backend;
  private final Lazy<TwilioSignatureVerifier> verifier;
  private final Lazy<InboundIngestService> ingest;

  public WhatsAppInboundWebhook() {
    this(Backend.fromEnvironment());
  }

  public WhatsAppInboundWebhook(Backend backend) {
    this.backend = backend;
    this.verifier = Lazy.of(() -> Webhooks.signatureVerifier(backend.settings()));
    this.ingest =
        Lazy.of(
            () ->
                new InboundIngestService(
                    backend.firestore(), backend.workspaces(), backend.outbox(), backend.clock()));
  }

  @Override
  public void service(HttpRequest request, HttpResponse response) throws IOException {
    HttpCall.serve(
        request,
        response,
        call -> {
          backend.maintenance().refuseIfActive();
          Map<String, String> form = Webhooks.signedForm(call, PATH, verifier());
          InboundMessage inbound = TwilioInboundForm.parse(form);
          ingest().ingest(inbound, call.requestId());
          call.write(200, "text/xml; charset=utf-8", EMPTY_TWIML);
        });
  }

  private TwilioSignatureVerifier verifier() {
    return verifier.get();
  }

  private InboundIngestService ingest() {
    return ingest.get();
  }
}
