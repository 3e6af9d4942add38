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
import com.utalk.wiring.Lazy;
import io.cloudevents.CloudEvent;

/** Pub/Sub {@code outbound-messages} → sends the queued message through Twilio, at most once. */
public final class OutboundMessageSender implements CloudEventsFunction {
  static final String FUNCTION = "outbound-message-sender";

  private final Backend backend;
  private final Lazy<OutboundSendService> sendService;
  private final Lazy<ProcessedEvents> processed;

  public OutboundMessageSender() {
    this(Backend.fromEnvironment());
  }

  public OutboundMessageSender(Backend backend) {
    this.backend = backend;
    this.sendService =
        Lazy.of(
            () ->
                new OutboundSendService(
                    backend.firestore(),
                    backend.outbox(),
                    new TwilioWhatsAppSender(TwilioCredentials.from(backend.settings())),
                    SendPolicy.from(backend.settings()),
                    stripSlash(backend.settings().require("PUBLIC_BASE_URL"))
                        + TwilioStatusCallback.PATH,
                    backend.clock(),
                    com.utalk.functions.media.MediaWiring.outboundUrls(backend)));
    this.processed = Lazy.of(() -> new ProcessedEvents(backend.firestore(), backend.clock()));
  }

  @Override
  public void accept(CloudEvent event) throws Exception {
    EventCall.run(
        FUNCTION,
        event,
        processed(),
        (message, requestId) -> sendService().send(message.json(OutboundCommand.class), requestId));
  }

  private ProcessedEvents processed() {
    return processed.get();
  }

  private OutboundSendService sendService() {
    return sendService.get();
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
