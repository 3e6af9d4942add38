package com.utalk.functions.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.utalk.emulators.twilio.InboundWebhook;
import com.utalk.functions.messaging.WhatsAppInboundWebhook;
import com.utalk.functions.testing.FunctionServer;
import com.utalk.functions.testing.StackUnderTest;
import com.utalk.maintenance.MaintenanceMode;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * During a restore Twilio's webhook is refused with 503, so Twilio retries; the retry after it is
 * stored once.
 */
class MaintenanceWebhookTest {
  private static StackUnderTest stack;
  private static FunctionServer webhook;

  @BeforeAll
  static void start() {
    stack = new StackUnderTest();
    webhook = FunctionServer.http(WhatsAppInboundWebhook.class, stack.settings());
  }

  @AfterAll
  static void stop() throws Exception {
    webhook.close();
    stack.close();
  }

  @Test
  void aWebhookDuringMaintenanceAnswers503AndItsRetryIsStoredOnce() throws Exception {
    MaintenanceMode maintenance =
        new MaintenanceMode(stack.env.firestore(), Clock.systemUTC(), Duration.ZERO);
    InboundWebhook inbound = stack.inbound("+5215577700011", "¿siguen ahí?");
    String url = webhook.url(WhatsAppInboundWebhook.PATH);
    maintenance.enter("restore drill", Duration.ofSeconds(60));
    HttpResponse<String> during;
    try {
      during = stack.deliver(url, inbound);
    } finally {
      maintenance.leave();
    }
    assertEquals(503, during.statusCode(), during.body());
    assertEquals("60", during.headers().firstValue("Retry-After").orElse(null));
    assertEquals(0, stored(inbound));

    Thread.sleep(MaintenanceMode.DEFAULT_CACHE.toMillis() + 200);
    assertEquals(200, stack.deliver(url, inbound).statusCode());
    assertEquals(200, stack.deliver(url, inbound).statusCode());
    assertEquals(1, stored(inbound));
  }

  private static int stored(InboundWebhook inbound) throws Exception {
    return stack
        .env
        .firestore()
        .collection("messages")
        .whereEqualTo("twilioSid", inbound.messageSid())
        .get()
        .get()
        .size();
  }
}
