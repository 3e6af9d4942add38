package com.utalk.events;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Publishes to a topic; the future completes once the broker has accepted the message. */
public interface EventPublisher {
  CompletableFuture<String> publish(
      String topic, byte[] data, Map<String, String> attributes, String orderingKey);
}
