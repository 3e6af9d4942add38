package com.utalk.realtime.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.utalk.auth.AuthModule;
import com.utalk.auth.Role;
import com.utalk.config.Settings;
import com.utalk.emulators.twilio.InboundWebhook;
import com.utalk.functions.messaging.WhatsAppInboundWebhook;
import com.utalk.functions.testing.FunctionServer;
import com.utalk.functions.testing.StackUnderTest;
import com.utalk.realtime.RealtimeServer;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * An isolated project on the emulators with a seeded workspace, the inbound webhook function
 * in-process (so events come from the real ingest path), and realtime instances started on demand.
 */
final class RealtimeHarness implements AutoCloseable {
  final StackUnderTest stack = new StackUnderTest();
  final FunctionServer webhook =
      FunctionServer.http(WhatsAppInboundWebhook.class, stack.settings());

  /**
   * The stack's settings plus a JWT signing secret shared by the token issuer and every instance.
   */
  final Map<String, String> settings = withJwtSecret(stack.settings());

  final AuthModule auth =
      new AuthModule(Settings.of(settings), stack.env.firestore(), Clock.systemUTC());

  private static Map<String, String> withJwtSecret(Map<String, String> base) {
    Map<String, String> settings = new HashMap<>(base);
    settings.put("JWT_SECRET", "realtime-tests-signing-secret-0123456789abcdef");
    return settings;
  }

  /** Settings of a realtime instance of this project: a free port and a short drain. */
  Map<String, String> realtimeSettings(String instanceId) {
    Map<String, String> settings = new HashMap<>(this.settings);
    settings.put("PORT", "0");
    settings.put("REALTIME_INSTANCE_ID", instanceId);
    settings.put("REALTIME_DRAIN_SECONDS", "2");
    return settings;
  }

  RealtimeServer startRealtime(String instanceId) {
    return RealtimeServer.start(Settings.of(realtimeSettings(instanceId)), Clock.systemUTC());
  }

  static String url(RealtimeServer server) {
    return "http://127.0.0.1:" + server.port();
  }

  String token(String uid, Role role) {
    return token(uid, role, StackUnderTest.WORKSPACE);
  }

  String token(String uid, Role role, String workspaceId) {
    return auth.issuer().issue(uid, role, workspaceId).value();
  }

  /** A customer message through the signed webhook; returns its conversation id. */
  String customerWrites(String from, String body) {
    return customerWritesTo(
        webhook.url(WhatsAppInboundWebhook.PATH), StackUnderTest.PUBLIC_BASE_URL, from, body);
  }

  /**
   * A customer message POSTed to {@code url} (the function, or a gateway in front of it), signed
   * for {@code publicBaseUrl} as Twilio signs for the configured PUBLIC_BASE_URL; returns its
   * conversation id.
   */
  String customerWritesTo(String url, String publicBaseUrl, String from, String body) {
    InboundWebhook inbound = stack.inbound(from, body);
    assertEquals(
        200,
        stack.post(url, inbound.params(), inbound.signature(publicBaseUrl), Map.of()).statusCode());
    try {
      return stack
          .env
          .firestore()
          .collection("messages")
          .document("in_" + inbound.messageSid())
          .get()
          .get()
          .getString("conversationId");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether this project has the Pub/Sub subscription {@code subscriptionId}. */
  boolean subscriptionExists(String subscriptionId) {
    String name =
        com.google.pubsub.v1.ProjectSubscriptionName.of(
                stack.env.project().projectId(), subscriptionId)
            .toString();
    try (var admin = stack.env.pubsub().subscriptionAdmin()) {
      admin.getSubscription(name);
      return true;
    } catch (com.google.api.gax.rpc.NotFoundException e) {
      return false;
    }
  }

  @Override
  public void close() throws Exception {
    webhook.close();
    stack.close();
  }
}
