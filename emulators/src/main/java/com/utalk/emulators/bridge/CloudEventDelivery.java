package com.utalk.emulators.bridge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Timestamp;
import com.google.pubsub.v1.PubsubMessage;
import com.utalk.json.Json;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Turns a Pub/Sub message into the HTTP request Eventarc sends a function: a binary-mode CloudEvent
 * of type {@code google.cloud.pubsub.topic.v1.messagePublished} whose body is the Pub/Sub push
 * envelope.
 */
final class CloudEventDelivery {
  static final String EVENT_TYPE = "google.cloud.pubsub.topic.v1.messagePublished";

  private final HttpClient client;
  private final String projectId;
  private final Duration timeout;

  CloudEventDelivery(HttpClient client, String projectId, Duration timeout) {
    this.client = client;
    this.projectId = projectId;
    this.timeout = timeout;
  }

  /** The function's HTTP status, or -1 when it could not be reached or did not answer in time. */
  int deliver(BridgeRoute route, PubsubMessage message) throws InterruptedException {
    try {
      return client
          .send(request(route, message), HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    }
  }

  HttpRequest request(BridgeRoute route, PubsubMessage message) {
    String publishTime = instant(message.getPublishTime()).toString();
    return HttpRequest.newBuilder(route.target())
        .timeout(timeout)
        .header("ce-specversion", "1.0")
        .header("ce-id", message.getMessageId())
        .header(
            "ce-source",
            "//pubsub.googleapis.com/projects/" + projectId + "/topics/" + route.topic())
        .header("ce-type", EVENT_TYPE)
        .header("ce-time", publishTime)
        .header("Content-Type", "application/json")
        .POST(
            HttpRequest.BodyPublishers.ofByteArray(
                Json.writeBytes(body(route, message, publishTime))))
        .build();
  }

  /**
   * The push envelope. Like Eventarc it carries messageId/publishTime in both camelCase and
   * snake_case, and leaves out attributes and orderingKey when the message has none.
   */
  ObjectNode body(BridgeRoute route, PubsubMessage message, String publishTime) {
    ObjectNode body = Json.object();
    ObjectNode inner = body.putObject("message");
    if (message.getAttributesCount() > 0) {
      ObjectNode attributes = inner.putObject("attributes");
      message.getAttributesMap().forEach(attributes::put);
    }
    inner.put("data", Base64.getEncoder().encodeToString(message.getData().toByteArray()));
    inner.put("messageId", message.getMessageId());
    inner.put("message_id", message.getMessageId());
    inner.put("publishTime", publishTime);
    inner.put("publish_time", publishTime);
    if (!message.getOrderingKey().isEmpty()) {
      inner.put("orderingKey", message.getOrderingKey());
    }
    body.put("subscription", "projects/" + projectId + "/subscriptions/" + route.subscription());
    return body;
  }

  private static Instant instant(Timestamp timestamp) {
    return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
  }
}
