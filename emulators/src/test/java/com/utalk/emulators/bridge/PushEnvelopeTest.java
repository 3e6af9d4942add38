package com.utalk.emulators.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The push envelope Pub/Sub posts to the bridge, read as the CloudEvent's message. */
class PushEnvelopeTest {
  @Test
  void productionsEnvelopeKeepsDataAttributesTimeAndOrderingKey() {
    String data =
        Base64.getEncoder().encodeToString("{\"seq\":3}".getBytes(StandardCharsets.UTF_8));
    PushEnvelope push =
        PushEnvelope.parse(
            ("{\"message\":{\"messageId\":\"42\",\"data\":\""
                    + data
                    + "\",\"attributes\":{\"type\":\"message.created\"},"
                    + "\"publishTime\":\"2026-01-02T03:04:05.123456789Z\",\"orderingKey\":\"conv_1\"},"
                    + "\"subscription\":\"projects/p/subscriptions/local-bridge-x\"}")
                .getBytes(StandardCharsets.UTF_8));

    assertEquals("42", push.message().getMessageId());
    assertEquals("{\"seq\":3}", push.message().getData().toStringUtf8());
    assertEquals("message.created", push.message().getAttributesOrThrow("type"));
    assertEquals("conv_1", push.message().getOrderingKey());
    assertEquals(123456789, push.message().getPublishTime().getNanos());
    assertEquals("projects/p/subscriptions/local-bridge-x", push.subscription());
  }

  @Test
  void theEmulatorsEnvelopeHasNoOrderingKeyNorSubscriptionAndThatIsFine() {
    PushEnvelope push =
        PushEnvelope.parse(
            "{\"message\":{\"messageId\":\"1\",\"publishTime\":\"2026-01-02T03:04:05Z\"}}"
                .getBytes(StandardCharsets.UTF_8));

    assertEquals("", push.message().getOrderingKey());
    assertEquals("", push.subscription());
    assertEquals(0, push.message().getData().size());
  }

  @Test
  void aBodyThatIsNotAPushEnvelopeIsRefused() {
    for (String body :
        List.of("{}", "{\"message\":\"hola\"}", "{\"message\":{\"messageId\":42}}")) {
      IllegalArgumentException refused =
          assertThrows(
              IllegalArgumentException.class,
              () -> PushEnvelope.parse(body.getBytes(StandardCharsets.UTF_8)),
              body);
      assertEquals("not a Pub/Sub push envelope", refused.getMessage());
    }
  }
}
