package com.utalk.ops.runbooks.whatsapp;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.Message;
import com.utalk.twilio.TwilioCredentials;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The environment's Twilio account through the SDK (the stand-in on the local stack): its numbers
 * and their webhook URL (IncomingPhoneNumbers), and its message log for a number.
 */
final class TwilioSenders {
  /** Newest messages of a number's log compared with what was stored. */
  static final int LOG_LIMIT = 200;

  record Sender(String sid, String phoneNumber, String smsUrl) {}

  record Received(String sid, Instant at, Integer errorCode) {}

  private final TwilioRestClient client;

  TwilioSenders(TwilioCredentials credentials) {
    this.client = credentials.restClient();
  }

  List<Sender> numbers() {
    List<Sender> senders = new ArrayList<>();
    for (IncomingPhoneNumber number : IncomingPhoneNumber.reader().read(client)) {
      senders.add(
          new Sender(
              number.getSid(),
              number.getPhoneNumber().toString(),
              number.getSmsUrl() == null ? null : number.getSmsUrl().toString()));
    }
    return senders;
  }

  /**
   * What customers sent to {@code phoneNumber} since {@code since}, newest first, as Twilio logged
   * it.
   */
  List<Received> received(String phoneNumber, Instant since) {
    List<Received> received = new ArrayList<>();
    for (Message message :
        Message.reader()
            .setTo(new com.twilio.type.PhoneNumber("whatsapp:" + phoneNumber))
            .limit(LOG_LIMIT)
            .read(client)) {
      Instant at = message.getDateCreated() == null ? null : message.getDateCreated().toInstant();
      if (message.getDirection() == Message.Direction.INBOUND
          && at != null
          && !at.isBefore(since)) {
        received.add(new Received(message.getSid(), at, message.getErrorCode()));
      }
    }
    return received;
  }

  void pointWebhookAt(String sid, String url) {
    IncomingPhoneNumber.updater(sid)
        .setSmsUrl(URI.create(url))
        .setSmsMethod(com.twilio.http.HttpMethod.POST)
        .update(client);
  }
}
