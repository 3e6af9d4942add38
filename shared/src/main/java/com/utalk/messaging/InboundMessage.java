package com.utalk.messaging;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

  /**
   * The customer's message as stored: {@code received}, its id derived from the MessageSid (so a
   * redelivered webhook finds it), the WhatsApp profile name kept with {@code extra} metadata.
   */
  public Message stored(
      String workspaceId, String conversationId, long seq, Instant now, Map<String, Object> extra) {
    Map<String, Object> metadata = new HashMap<>(extra);
    metadata.put("profileName", profileName == null ? "" : profileName);
    return new Message(
        Message.inboundId(messageSid),
        workspaceId,
        conversationId,
        Direction.INBOUND,
        Author.customer(),
        body,
        List.of(),
        media,
        messageSid,
        null,
        MessageStatus.RECEIVED,
        null,
        null,
        now,
        now,
        false,
        null,
        null,
        seq,
        metadata);
  }
}
