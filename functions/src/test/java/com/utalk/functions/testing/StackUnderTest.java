package com.utalk.functions.testing;

import com.utalk.emulators.twilio.InboundWebhook;
import com.utalk.emulators.twilio.TwilioAccount;
import com.utalk.emulators.twilio.TwilioStandIn;
import com.utalk.messaging.PhoneNumber;
import com.utalk.testing.TestEnvironment;
import com.utalk.workspace.Workspace;
import com.utalk.workspace.WorkspaceDirectory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An isolated project on the emulators with one seeded workspace, the Twilio stand-in, and the
 * settings every function of the messaging path reads.
 */
public final class StackUnderTest implements AutoCloseable {
  public static final String WORKSPACE = "ws-test";
  public static final PhoneNumber BUSINESS_NUMBER = PhoneNumber.parse("+14155238886");
  public static final String PUBLIC_BASE_URL = "https://hooks.utalk.test";

  public final TestEnvironment env;
  public final TwilioStandIn twilio;
  public final TwilioAccount account = TwilioAccount.LOCAL;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public StackUnderTest() {
    this.env = TestEnvironment.create();
    this.twilio = TwilioStandIn.start(account);
    new WorkspaceDirectory(env.firestore(), Clock.systemUTC())
        .save(new Workspace(WORKSPACE, "Test workspace", List.of(BUSINESS_NUMBER.e164())));
  }

  /**
   * Settings for functions; {@code firestoreHost} lets a test put a proxy in front of the emulator.
   */
  public Map<String, String> settings(String firestoreHost) {
    Map<String, String> values = new HashMap<>();
    values.put("GOOGLE_CLOUD_PROJECT", env.project().projectId());
    values.put("FIRESTORE_EMULATOR_HOST", firestoreHost);
    values.put("PUBSUB_EMULATOR_HOST", env.project().pubsubEmulatorHost());
    values.put("APP_ENV", "development");
    values.put("LOG_LEVEL", "info");
    values.put("PUBLIC_BASE_URL", PUBLIC_BASE_URL);
    values.put("TWILIO_ACCOUNT_SID", account.accountSid());
    values.put("TWILIO_AUTH_TOKEN", account.authToken());
    values.put("TWILIO_API_BASE_URL", twilio.baseUrl());
    values.put("TWILIO_SEND_BACKOFF_MS", "20");
    return values;
  }

  public Map<String, String> settings() {
    return settings(env.project().firestoreEmulatorHost());
  }

  public InboundWebhook inbound(String from, String body) {
    return InboundWebhook.text(account, PhoneNumber.parse(from), BUSINESS_NUMBER, body);
  }

  /**
   * POSTs a webhook form to {@code url}, signed for {@code signedPath} unless {@code signature}
   * overrides it.
   */
  public HttpResponse<String> post(
      String url, Map<String, String> form, String signature, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(encode(form)));
    if (signature != null) {
      request.header("X-Twilio-Signature", signature);
    }
    headers.forEach(request::header);
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * POSTs raw bytes (invalid UTF-8, odd content types) with {@code signature}. A pooled keep-alive
   * connection the server had just closed (after a refusal) is retried once: that request never
   * reached the server.
   */
  public HttpResponse<String> postRaw(
      String url, String contentType, byte[] body, String signature) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", contentType)
            .header("X-Twilio-Signature", signature)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    try {
      try {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
      } catch (java.io.IOException stale) {
        if (!String.valueOf(stale.getMessage()).contains("received no bytes")) {
          throw stale;
        }
        return http.send(request, HttpResponse.BodyHandlers.ofString());
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A correctly signed delivery of {@code webhook} to the function at {@code functionUrl}. */
  public HttpResponse<String> deliver(String functionUrl, InboundWebhook webhook) {
    return post(functionUrl, webhook.params(), webhook.signature(PUBLIC_BASE_URL), Map.of());
  }

  public String sign(String path, Map<String, String> form) {
    return account.signer().sign(PUBLIC_BASE_URL + path, form);
  }

  public static String encode(Map<String, String> form) {
    return form.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  @Override
  public void close() throws Exception {
    twilio.close();
    env.close();
  }
}
