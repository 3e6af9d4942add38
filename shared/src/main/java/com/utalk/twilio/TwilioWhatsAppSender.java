package com.utalk.twilio;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.utalk.messaging.WhatsAppSender;
import com.utalk.metrics.DependencyMetrics;
import com.utalk.metrics.Metrics;
import java.net.URI;

/** {@link WhatsAppSender} over the official Twilio SDK ({@code Message.creator}). */
public final class TwilioWhatsAppSender implements WhatsAppSender {
  private final TwilioRestClient client;

  public TwilioWhatsAppSender(TwilioCredentials credentials) {
    this.client = credentials.restClient();
  }

  @Override
  public Sent send(Outgoing message) throws SendFailedException {
    MessageCreator creator =
        Message.creator(
            new com.twilio.type.PhoneNumber(message.to().whatsappAddress()),
            new com.twilio.type.PhoneNumber(message.from().whatsappAddress()),
            message.body());
    if (!message.mediaUrls().isEmpty()) {
      creator.setMediaUrl(message.mediaUrls().stream().map(URI::create).toList());
    }
    if (message.statusCallbackUrl() != null) {
      creator.setStatusCallback(URI.create(message.statusCallbackUrl()));
    }
    long started = System.nanoTime();
    String failure = null;
    try {
      Message created = creator.create(client);
      return new Sent(
          created.getSid(), created.getStatus() == null ? null : created.getStatus().toString());
    } catch (ApiConnectionException e) {
      failure = "connection";
      throw new SendFailedException(
          true, "connection", "Twilio could not be reached: " + e.getMessage(), e);
    } catch (ApiException e) {
      Integer status = e.getStatusCode();
      boolean transientFailure = status == null || status == 429 || status >= 500;
      String code =
          e.getCode() != null
              ? e.getCode().toString()
              : (status == null ? "unknown" : "http_" + status);
      failure = status == null ? "unknown" : "http_" + status;
      throw new SendFailedException(transientFailure, code, e.getMessage(), e);
    } finally {
      // twilioErrorRate: every API call, by outcome.
      Metrics.get()
          .dependencies()
          .external(DependencyMetrics.TWILIO, System.nanoTime() - started, failure);
    }
  }
}
