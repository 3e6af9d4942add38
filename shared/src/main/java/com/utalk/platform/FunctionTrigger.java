package com.utalk.platform;

/** How a function is invoked: an HTTP path behind the gateway/load balancer, or an event source. */
public sealed interface FunctionTrigger {
  /** {@code pathPrefix} matches the path itself and everything below it ending in {@code /...}. */
  record Http(String path, boolean prefix) implements FunctionTrigger {}

  /** Eventarc {@code google.cloud.pubsub.topic.v1.messagePublished} on {@code topic}. */
  record PubSub(String topic) implements FunctionTrigger {}

  /**
   * Eventarc Firestore trigger: {@code eventType} is one of {@code
   * google.cloud.firestore.document.v1. created|updated|deleted|written}; {@code documentPattern}
   * is Eventarc's path pattern, e.g. {@code messages/{messageId}}. The payload is the {@code
   * DocumentEventData} protobuf.
   */
  record Firestore(String eventType, String documentPattern) implements FunctionTrigger {}
}
