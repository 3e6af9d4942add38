package com.utalk.emulators.bridge;

import com.google.api.gax.core.InstantiatingExecutorProvider;
import com.google.api.gax.batching.FlowControlSettings;
import com.google.api.gax.rpc.AlreadyExistsException;
import com.google.cloud.pubsub.v1.AckReplyConsumer;
import com.google.cloud.pubsub.v1.MessageReceiver;
import com.google.cloud.pubsub.v1.Subscriber;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.pubsub.v1.ProjectSubscriptionName;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.Subscription;
import com.google.pubsub.v1.TopicName;
import com.utalk.emulators.http.HttpServers;
import com.utalk.gcp.PubSubTransport;
import com.utalk.logging.Log;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Does locally what Eventarc does in production for each Pub/Sub-triggered function: a
 * subscription with message ordering, a streaming pull, and an HTTP CloudEvent per message. A 2xx
 * acks; any other status or a connection failure nacks, so Pub/Sub redelivers (after a short
 * back-off, standing in for the production subscription's retry policy).
 */
public final class PubSubBridge implements AutoCloseable {
  private static final Log LOG = Log.get(PubSubBridge.class);

  /**
   * {@code initialBackoff}/{@code maxBackoff}: how long a failed delivery waits before its nack,
   * doubling per failed attempt of that message (the emulator itself redelivers at once).
   */
  public record Options(Duration ackDeadline, Duration deliveryTimeout, Duration initialBackoff, Duration maxBackoff) {
    public static Options defaults() {
      return new Options(Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofMillis(500), Duration.ofSeconds(10));
    }

    /** No back-off, so a test sees the redelivery at once. */
    public static Options forTests() {
      return new Options(Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ZERO, Duration.ZERO);
    }
  }

  private final PubSubTransport transport;
  private final Options options;
  private final CloudEventDelivery delivery;
  private final List<Subscriber> subscribers = new ArrayList<>();
  private final Map<String, Integer> failedAttempts = new ConcurrentHashMap<>();

  private PubSubBridge(PubSubTransport transport, Options options) {
    this.transport = transport;
    this.options = options;
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .executor(Executors.newCachedThreadPool(HttpServers.daemonThreads("bridge-http")))
            .build();
    this.delivery = new CloudEventDelivery(client, transport.project().projectId(), options.deliveryTimeout());
  }

  /** Creates missing subscriptions and starts pulling; returns once every subscriber runs. */
  public static PubSubBridge start(PubSubTransport transport, List<BridgeRoute> routes, Options options) {
    PubSubBridge bridge = new PubSubBridge(transport, options);
    try {
      bridge.ensureSubscriptions(routes);
      routes.forEach(bridge::subscribe);
      return bridge;
    } catch (RuntimeException e) {
      bridge.close();
      throw e;
    }
  }

  private void ensureSubscriptions(List<BridgeRoute> routes) {
    String project = transport.project().projectId();
    try (SubscriptionAdminClient admin = transport.subscriptionAdmin()) {
      for (BridgeRoute route : routes) {
        Subscription subscription =
            Subscription.newBuilder()
                .setName(ProjectSubscriptionName.of(project, route.subscription()).toString())
                .setTopic(TopicName.of(project, route.topic()).toString())
                .setAckDeadlineSeconds((int) options.ackDeadline().toSeconds())
                .setEnableMessageOrdering(true)
                .build();
        try {
          admin.createSubscription(subscription);
          LOG.info("bridge created subscription", "subscription", route.subscription(), "topic", route.topic());
        } catch (AlreadyExistsException e) {
          LOG.debug("bridge subscription already exists", "subscription", route.subscription());
        }
      }
    }
  }

  private void subscribe(BridgeRoute route) {
    MessageReceiver receiver = (message, consumer) -> handle(route, message, consumer);
    Subscriber.Builder builder =
        Subscriber.newBuilder(ProjectSubscriptionName.of(transport.project().projectId(), route.subscription()), receiver)
            .setParallelPullCount(1)
            .setFlowControlSettings(FlowControlSettings.newBuilder().setMaxOutstandingElementCount(100L).build())
            .setExecutorProvider(InstantiatingExecutorProvider.newBuilder().setExecutorThreadCount(4).build());
    transport.channelProvider().ifPresent(builder::setChannelProvider);
    transport.credentialsProvider().ifPresent(builder::setCredentialsProvider);
    Subscriber subscriber = builder.build();
    subscriber.addListener(
        new Subscriber.Listener() {
          @Override
          public void failed(Subscriber.State from, Throwable failure) {
            LOG.error("bridge subscriber stopped", failure, "subscription", route.subscription());
          }
        },
        MoreExecutors.directExecutor());
    subscriber.startAsync().awaitRunning();
    subscribers.add(subscriber);
    LOG.info("bridge delivering", "subscription", route.subscription(), "function", route.functionName(), "target", route.target().toString());
  }

  private void handle(BridgeRoute route, PubsubMessage message, AckReplyConsumer consumer) {
    long started = System.nanoTime();
    int status;
    try {
      status = delivery.deliver(route, message);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      consumer.nack();
      return;
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    if (status >= 200 && status < 300) {
      failedAttempts.remove(message.getMessageId());
      consumer.ack();
      LOG.info("bridge delivered " + message.getMessageId() + " to " + route.functionName(), "status", status, "ms", millis);
      return;
    }
    int attempt = failedAttempts.merge(message.getMessageId(), 1, Integer::sum);
    LOG.warn("bridge delivery failed, Pub/Sub will redeliver",
        "function", route.functionName(), "messageId", message.getMessageId(), "status", status, "attempt", attempt);
    sleep(backoff(attempt));
    consumer.nack();
  }

  private Duration backoff(int attempt) {
    if (options.initialBackoff().isZero()) {
      return Duration.ZERO;
    }
    Duration delay = options.initialBackoff().multipliedBy(1L << Math.min(attempt - 1, 16));
    return delay.compareTo(options.maxBackoff()) > 0 ? options.maxBackoff() : delay;
  }

  private static void sleep(Duration duration) {
    if (duration.isZero()) {
      return;
    }
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    for (Subscriber subscriber : subscribers) {
      subscriber.stopAsync();
    }
    for (Subscriber subscriber : subscribers) {
      try {
        subscriber.awaitTerminated(10, TimeUnit.SECONDS);
      } catch (TimeoutException | IllegalStateException e) {
        LOG.warn("bridge subscriber did not stop in time", "error", e.toString());
      }
    }
    subscribers.clear();
  }
}
