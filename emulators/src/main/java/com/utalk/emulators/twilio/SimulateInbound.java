package com.utalk.emulators.twilio;

import com.utalk.emulators.http.FormEncoding;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Plays Twilio delivering an inbound WhatsApp message: POSTs the signed form to the webhook (the
 * gateway, or a function directly). The signature covers the public URL the function will
 * reconstruct from PUBLIC_BASE_URL, not necessarily the address posted to.
 */
public final class SimulateInbound {
  /** Twilio's own webhook timeout. */
  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private SimulateInbound() {}

  public record Result(int status, String body, Map<String, List<String>> headers) {}

  /**
   * @param target where to POST, e.g. {@code http://127.0.0.1:8080/webhooks/twilio/whatsapp}
   * @param publicBaseUrl what the receiver believes its public base URL is (it signs against that)
   */
  public static Result post(InboundWebhook webhook, URI target, String publicBaseUrl)
      throws IOException, InterruptedException {
    return send(webhook, target, webhook.signature(publicBaseUrl));
  }

  /** As Twilio posts to a sender's configured webhook URL: signed for exactly that URL. */
  public static Result deliver(InboundWebhook webhook, URI webhookUrl)
      throws IOException, InterruptedException {
    return send(
        webhook,
        webhookUrl,
        webhook.account().signer().sign(webhookUrl.toString(), webhook.params()));
  }

  private static Result send(InboundWebhook webhook, URI target, String signature)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(target)
            .timeout(TIMEOUT)
            .header("Content-Type", FormEncoding.CONTENT_TYPE)
            .header(TwilioWebhookSigner.HEADER, signature)
            .header("User-Agent", "TwilioProxy/1.1")
            .header("I-Twilio-Idempotency-Token", UUID.randomUUID().toString())
            .POST(HttpRequest.BodyPublishers.ofString(FormEncoding.encode(webhook.params())))
            .build();
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    return new Result(response.statusCode(), response.body(), response.headers().map());
  }
}
