package com.utalk.emulators.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import com.google.pubsub.v1.PubsubMessage;
import com.utalk.json.Json;
import java.time.Instant;
import java.util.Base64;

/**
 * The JSON body of a Pub/Sub push ({@code {message: {data, attributes, messageId, publishTime},
 * subscription}}), read back into the message it carries. The emulator's envelope has no {@code
 * orderingKey} (production's has), so the CloudEvent the bridge sends has none either; no function
 * reads it.
 */
record PushEnvelope(PubsubMessage message, String subscription) {
  static PushEnvelope parse(byte[] body) {
    JsonNode root = Json.read(body);
    JsonNode message = root.path("message");
    if (!message.isObject() || !message.path("messageId").isTextual()) {
      throw new IllegalArgumentException("not a Pub/Sub push envelope");
    }
    PubsubMessage.Builder builder =
        PubsubMessage.newBuilder()
            .setMessageId(message.path("messageId").asText())
            .setData(
                ByteString.copyFrom(Base64.getDecoder().decode(message.path("data").asText(""))))
            .setPublishTime(timestamp(Instant.parse(message.path("publishTime").asText())));
    message
        .path("attributes")
        .fields()
        .forEachRemaining(
            entry -> builder.putAttributes(entry.getKey(), entry.getValue().asText()));
    if (message.hasNonNull("orderingKey")) {
      builder.setOrderingKey(message.path("orderingKey").asText());
    }
    return new PushEnvelope(builder.build(), root.path("subscription").asText(""));
  }

  private static Timestamp timestamp(Instant instant) {
    return Timestamp.newBuilder()
        .setSeconds(instant.getEpochSecond())
        .setNanos(instant.getNano())
        .build();
  }
}
