package com.utalk.messaging;

import java.util.List;

/** An inbound WhatsApp message as Twilio delivered it to the webhook, already validated. */
public record InboundMessage(
    String messageSid,
    String accountSid,
    PhoneNumber from,
    PhoneNumber to,
    String body,
    String profileName,
    String waId,
    List<MediaRef> media) {
  public InboundMessage {
    media = List.copyOf(media);
  }
}
