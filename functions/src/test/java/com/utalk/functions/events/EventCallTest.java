package com.utalk.functions.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.pubsub.v1.PubsubMessage;
import com.utalk.config.Settings;
import com.utalk.functions.messaging.OutboundMessageSender;
import com.utalk.functions.testing.PubSubEvents;
import com.utalk.functions.testing.StackUnderTest;
import com.utalk.functions.wiring.Backend;
import com.utalk.platform.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A message every redelivery would refuse the same way is acknowledged once, not retried forever.
 */
class EventCallTest {
  private static StackUnderTest stack;
  private static OutboundMessageSender sender;

  @BeforeAll
  static void start() {
    stack = new StackUnderTest();
    sender =
        new OutboundMessageSender(new Backend(Settings.of(stack.settings()), Clock.systemUTC()));
  }

  @AfterAll
  static void stop() throws Exception {
    stack.close();
  }

  @Test
  void aMalformedCommandIsAcknowledgedAndRememberedNotRedeliveredForever() throws Exception {
    for (String data : new String[] {"{not json", "{\"workspaceId\":\"ws\"} trailing"}) {
      String eventId = "ce-malformed-" + Math.abs(data.hashCode());
      PubsubMessage message =
          PubsubMessage.newBuilder()
              .setData(ByteString.copyFrom(data, StandardCharsets.UTF_8))
              .build();
      // returns normally: the platform acknowledges instead of redelivering
      sender.accept(
          PubSubEvents.messagePublished(
              eventId, stack.env.project().projectId(), Topics.OUTBOUND_MESSAGES, message));
      assertTrue(
          stack
              .env
              .firestore()
              .collection("processedEvents")
              .document("outbound-message-sender_" + eventId)
              .get()
              .get()
              .exists(),
          "remembered, so a redelivery is skipped: " + data);
    }
    assertEquals(0, stack.twilio.sends().size(), "nothing sent");
  }
}
