package com.utalk.emulators.twilio;

import com.utalk.emulators.http.FormEncoding;
import com.utalk.logging.Log;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Sends status callbacks the way Twilio does: a signed form POST to the message's StatusCallback.
 */
final class StatusCallbacks {
  private static final Log LOG = Log.get(StatusCallbacks.class);

  /** Twilio gives a webhook 15 s to answer and does not retry status callbacks. */
  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  private static final Set<String> ERROR_STATUSES = Set.of("failed", "undelivered");

  private final java.util.function.Supplier<TwilioAccount> account;
  private final MessageLedger ledger;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  StatusCallbacks(java.util.function.Supplier<TwilioAccount> account, MessageLedger ledger) {
    this.account = account;
    this.ledger = ledger;
  }

  /**
   * The form Twilio posts for a WhatsApp message status. ErrorCode/ErrorMessage only accompany a
   * failure, as with Twilio.
   */
  Map<String, String> params(
      SentMessage message, String status, Integer errorCode, String errorMessage) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("SmsSid", message.sid());
    params.put("SmsStatus", status);
    params.put("MessageStatus", status);
    params.put("ChannelToAddress", message.to().replaceFirst("^whatsapp:", ""));
    params.put("To", message.to());
    params.put("ChannelPrefix", "whatsapp");
    params.put("MessageSid", message.sid());
    params.put("AccountSid", account.get().accountSid());
    params.put("StructuredMessage", "false");
    if (message.from() != null) {
      params.put("From", message.from());
    }
    if (message.messagingServiceSid() != null) {
      params.put("MessagingServiceSid", message.messagingServiceSid());
    }
    params.put("ApiVersion", "2010-04-01");
    if (errorCode != null || ERROR_STATUSES.contains(status)) {
      int code = errorCode == null ? 30008 : errorCode;
      params.put("ErrorCode", Integer.toString(code));
      params.put(
          "ErrorMessage", errorMessage != null ? errorMessage : TwilioError.messageFor(code));
    }
    return params;
  }

  /** Posts {@code status} for {@code message} to its StatusCallback and records the outcome. */
  CallbackDelivery fire(
      SentMessage message, String status, Integer errorCode, String errorMessage) {
    if (message.statusCallback() == null) {
      throw new IllegalStateException(
          "message " + message.sid() + " was sent without a StatusCallback");
    }
    Map<String, String> params = params(message, status, errorCode, errorMessage);
    ledger.updateState(
        message.sid(),
        new MessageLedger.MessageState(
            status, parseCode(params.get("ErrorCode")), params.get("ErrorMessage")));
    return post(message.statusCallback(), params);
  }

  CallbackDelivery post(String url, Map<String, String> params) {
    String signature = account.get().signer().sign(url, params);
    CallbackDelivery delivery;
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(url))
              .timeout(TIMEOUT)
              .header("Content-Type", FormEncoding.CONTENT_TYPE + "; charset=utf-8")
              .header(TwilioWebhookSigner.HEADER, signature)
              .header("User-Agent", "TwilioProxy/1.1")
              .header("I-Twilio-Idempotency-Token", UUID.randomUUID().toString())
              .POST(HttpRequest.BodyPublishers.ofString(FormEncoding.encode(params)))
              .build();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      delivery =
          new CallbackDelivery(
              url, params, signature, response.statusCode(), response.body(), null, Instant.now());
      LOG.info(
          "twilio stand-in status callback delivered",
          "messageSid",
          params.get("MessageSid"),
          "status",
          params.get("MessageStatus"),
          "httpStatus",
          response.statusCode());
    } catch (IOException | IllegalArgumentException e) {
      delivery =
          new CallbackDelivery(url, params, signature, -1, null, e.toString(), Instant.now());
      LOG.warn(
          "twilio stand-in status callback failed",
          "messageSid",
          params.get("MessageSid"),
          "url",
          url,
          "error",
          e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      delivery =
          new CallbackDelivery(url, params, signature, -1, null, "interrupted", Instant.now());
    }
    ledger.recordCallback(delivery);
    return delivery;
  }

  private static Integer parseCode(String code) {
    return code == null ? null : Integer.valueOf(code);
  }
}
