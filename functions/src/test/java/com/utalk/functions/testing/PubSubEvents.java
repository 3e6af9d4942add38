package com.utalk.functions.testing;

import com.google.pubsub.v1.PubsubMessage;
import com.utalk.json.Json;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Map;

/** Wraps a Pub/Sub message in the CloudEvent Eventarc delivers ({@code messagePublished}). */
public final class PubSubEvents {
  private PubSubEvents() {}

  public static CloudEvent messagePublished(
      String cloudEventId, String project, String topic, PubsubMessage message) {
    Map<String, Object> body =
        Map.of(
            "message",
            Map.of(
                "data", Base64.getEncoder().encodeToString(message.getData().toByteArray()),
                "attributes", message.getAttributesMap(),
                "messageId", message.getMessageId(),
                "orderingKey", message.getOrderingKey()),
            "subscription",
            "projects/" + project + "/subscriptions/test");
    return CloudEventBuilder.v1()
        .withId(cloudEventId)
        .withSource(URI.create("//pubsub.googleapis.com/projects/" + project + "/topics/" + topic))
        .withType("google.cloud.pubsub.topic.v1.messagePublished")
        .withTime(OffsetDateTime.now())
        .withDataContentType("application/json")
        .withData(Json.writeBytes(body))
        .build();
  }
}
