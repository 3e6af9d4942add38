package com.utalk.functions.messaging;

import com.google.cloud.functions.CloudEventsFunction;
import com.utalk.events.ProcessedEvents;
import com.utalk.functions.events.EventCall;
import com.utalk.functions.wiring.Backend;
import com.utalk.messaging.OutboundCommand;
import com.utalk.messaging.OutboundSendService;
import com.utalk.messaging.SendPolicy;
import com.utalk.twilio.TwilioCredentials;
import com.utalk.twilio.TwilioWhatsAppSender;
import io.cloudevents.CloudEvent;

/** Pub/Sub {@code outbound-messages} → sends the queued message through Twilio, at most once. */
public final class OutboundMessageSender implements CloudEventsFunction {
  static final String FUNCTION = "outbound-message-sender";

  private final Backend backend;
  private volatile OutboundSendService sendService;
  private volatile ProcessedEvents processed;

  public OutboundMessageSender() {
    this(Backend.fromEnvironment());
  }

  public OutboundMessageSender(Backend backend) {
    this.backend = backend;
  }

  @Override
  public void accept(CloudEvent event) throws Exception {
    EventCall.run(FUNCTION, event, processed(), (message, requestId) ->
        sendService().send(message.json(OutboundCommand.class), requestId));
  }

  private ProcessedEvents processed() {
    if (processed == null) {
      processed = new ProcessedEvents(backend.firestore(), backend.clock());
    }
    return processed;
  }

  private OutboundSendService sendService() {
    if (sendService == null) {
      String publicBaseUrl = backend.settings().require("PUBLIC_BASE_URL");
      sendService =
          new OutboundSendService(
              backend.firestore(), backend.outbox(),
              new TwilioWhatsAppSender(TwilioCredentials.from(backend.settings())),
              SendPolicy.from(backend.settings()),
              stripSlash(publicBaseUrl) + TwilioStatusCallback.PATH,
              backend.clock(),
              com.utalk.functions.media.MediaWiring.outboundUrls(backend));
    }
    return sendService;
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
