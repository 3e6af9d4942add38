package com.utalk.testing;

import com.google.cloud.pubsub.v1.AckReplyConsumer;
import com.google.cloud.pubsub.v1.Subscriber;
import com.google.pubsub.v1.ProjectSubscriptionName;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.PushConfig;
import com.google.pubsub.v1.Subscription;
import com.google.pubsub.v1.TopicName;
import com.utalk.gcp.PubSubTransport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records every message published to a topic from the moment it is opened (a test-only
 * subscription).
 */
public final class EventTap implements AutoCloseable {
  private final List<PubsubMessage> sink;
  private final Subscriber subscriber;

  private EventTap(List<PubsubMessage> sink, Subscriber subscriber) {
    this.sink = sink;
    this.subscriber = subscriber;
  }

  public static EventTap open(PubSubTransport transport, String topic) {
    String project = transport.project().projectId();
    String name = "tap-" + topic + "-" + UUID.randomUUID().toString().substring(0, 8);
    try (var admin = transport.subscriptionAdmin()) {
      admin.createSubscription(
          Subscription.newBuilder()
              .setName(ProjectSubscriptionName.format(project, name))
              .setTopic(TopicName.format(project, topic))
              .setPushConfig(PushConfig.getDefaultInstance())
              .setAckDeadlineSeconds(20)
              .setEnableMessageOrdering(true)
              .build());
    }
    List<PubsubMessage> sink = new CopyOnWriteArrayList<>();
    Subscriber.Builder builder =
        Subscriber.newBuilder(
            ProjectSubscriptionName.of(project, name),
            (PubsubMessage message, AckReplyConsumer ack) -> {
              sink.add(message);
              ack.ack();
            });
    transport.channelProvider().ifPresent(builder::setChannelProvider);
    transport.credentialsProvider().ifPresent(builder::setCredentialsProvider);
    Subscriber subscriber = builder.build();
    subscriber.startAsync().awaitRunning();
    return new EventTap(sink, subscriber);
  }

  /** Waits until at least {@code count} messages arrived, then returns all received so far. */
  public List<PubsubMessage> await(int count, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (sink.size() < count && Instant.now().isBefore(deadline)) {
      sleep(20);
    }
    return new ArrayList<>(sink);
  }

  /**
   * Everything received after waiting {@code quiet} for stragglers (to prove nothing more comes).
   */
  public List<PubsubMessage> settle(Duration quiet) {
    sleep(quiet.toMillis());
    return new ArrayList<>(sink);
  }

  public List<PubsubMessage> messages() {
    return new ArrayList<>(sink);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    subscriber.stopAsync().awaitTerminated();
  }
}
