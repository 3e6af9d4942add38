package com.utalk.functions.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.utalk.json.Json;
import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** The Pub/Sub message inside an Eventarc {@code messagePublished} CloudEvent. */
public record PubSubMessage(
    String messageId, byte[] data, Map<String, String> attributes, String orderingKey) {
  public static PubSubMessage from(CloudEvent event) {
    // read once: a second getData() is not known to SpotBugs (or the interface) to return the same
    // value
    CloudEventData payload = event.getData();
    if (payload == null) {
      throw new IllegalArgumentException("CloudEvent " + event.getId() + " has no data");
    }
    JsonNode message = Json.read(payload.toBytes()).path("message");
    Map<String, String> attributes = new HashMap<>();
    message
        .path("attributes")
        .fields()
        .forEachRemaining(e -> attributes.put(e.getKey(), e.getValue().asText()));
    String data = message.path("data").asText("");
    return new PubSubMessage(
        message.path("messageId").asText(event.getId()),
        Base64.getDecoder().decode(data),
        Map.copyOf(attributes),
        message.path("orderingKey").asText(null));
  }

  public <T> T json(Class<T> type) {
    return Json.read(data, type);
  }
}
