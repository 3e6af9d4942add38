package com.utalk.emulators.bridge;

import com.google.api.gax.rpc.AlreadyExistsException;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.protobuf.FieldMask;
import com.google.pubsub.v1.ProjectSubscriptionName;
import com.google.pubsub.v1.PushConfig;
import com.google.pubsub.v1.RetryPolicy;
import com.google.pubsub.v1.Subscription;
import com.google.pubsub.v1.TopicName;
import com.google.pubsub.v1.UpdateSubscriptionRequest;
import com.sun.net.httpserver.HttpExchange;
import com.utalk.emulators.http.HttpExchanges;
import com.utalk.emulators.http.HttpServers;
import com.utalk.gcp.PubSubTransport;
import com.utalk.logging.Log;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Does locally what Eventarc does in production for each Pub/Sub-triggered function: a push
 * subscription per trigger, with a retry policy, whose pushes become binary-mode CloudEvents sent
 * to the function. The emulator pushes to this bridge's own endpoint ({@code /push/<function>});
 * the bridge answers with the function's verdict: a 2xx acks, anything else (or a function that
 * cannot be reached) makes the emulator redeliver after the retry policy's back-off.
 *
 * <p>Push, not streaming pull: the emulator never answers the client library's stream heartbeats,
 * so an idle streaming pull is closed by the client every 20-50 s, and messages the emulator hands
 * to a stream that is being torn down stay leased to it until their deadline runs out, which showed
 * as events minutes late after an idle period. A push subscription holds no stream, and it is how
 * Eventarc itself delivers in production.
 */
public final class PubSubBridge implements AutoCloseable {
  private static final Log LOG = Log.get(PubSubBridge.class);
  static final String PUSH_PATH = "/push/";

  /**
   * {@code ackDeadline}: how long the emulator waits for one push (also the function's timeout as
   * Eventarc sees it); {@code deliveryTimeout}: how long the bridge waits for the function; {@code
   * minimumBackoff}/{@code maximumBackoff}: the subscription's retry policy.
   */
  public record Options(
      Duration ackDeadline,
      Duration deliveryTimeout,
      Duration minimumBackoff,
      Duration maximumBackoff) {
    public static Options defaults() {
      return new Options(
          Duration.ofSeconds(60),
          Duration.ofSeconds(55),
          Duration.ofMillis(500),
          Duration.ofSeconds(10));
    }

    /** Redelivery at once, so a test sees it. */
    public static Options forTests() {
      return new Options(
          Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ZERO, Duration.ZERO);
    }
  }

  private final PubSubTransport transport;
  private final Options options;
  private final CloudEventDelivery delivery;
  private final HttpServers.Running server;
  private final Map<String, BridgeRoute> routes;

  private PubSubBridge(PubSubTransport transport, List<BridgeRoute> routes, Options options) {
    this.transport = transport;
    this.options = options;
    this.routes =
        routes.stream().collect(Collectors.toMap(BridgeRoute::functionName, Function.identity()));
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .executor(Executors.newCachedThreadPool(HttpServers.daemonThreads("bridge-http")))
            .build();
    this.delivery =
        new CloudEventDelivery(client, transport.project().projectId(), options.deliveryTimeout());
    // The emulator pushes at most two messages at a time per subscription.
    this.server =
        HttpServers.start("127.0.0.1", 0, Math.max(4, 2 * routes.size() + 2), "bridge-push");
    server.server().createContext(PUSH_PATH, this::handle);
  }

  /**
   * Listens, then creates (or re-points) every push subscription; returns once pushes can arrive.
   */
  public static PubSubBridge start(
      PubSubTransport transport, List<BridgeRoute> routes, Options options) {
    PubSubBridge bridge = new PubSubBridge(transport, routes, options);
    try {
      bridge.server.begin();
      routes.forEach(bridge::ensureSubscription);
      return bridge;
    } catch (RuntimeException e) {
      bridge.close();
      throw e;
    }
  }

  /** Where the emulator pushes for {@code route}. */
  String endpoint(BridgeRoute route) {
    return server.baseUrl() + PUSH_PATH + route.functionName();
  }

  private void ensureSubscription(BridgeRoute route) {
    String project = transport.project().projectId();
    Subscription subscription =
        Subscription.newBuilder()
            .setName(ProjectSubscriptionName.of(project, route.subscription()).toString())
            .setTopic(TopicName.of(project, route.topic()).toString())
            .setAckDeadlineSeconds((int) options.ackDeadline().toSeconds())
            .setEnableMessageOrdering(true)
            .setPushConfig(PushConfig.newBuilder().setPushEndpoint(endpoint(route)))
            .setRetryPolicy(
                RetryPolicy.newBuilder()
                    .setMinimumBackoff(protobuf(options.minimumBackoff()))
                    .setMaximumBackoff(protobuf(options.maximumBackoff())))
            .build();
    try (SubscriptionAdminClient admin = transport.subscriptionAdmin()) {
      try {
        admin.createSubscription(subscription);
        LOG.info(
            "bridge created push subscription",
            "subscription",
            route.subscription(),
            "topic",
            route.topic());
      } catch (AlreadyExistsException e) {
        // Kept by a reused emulator (with the messages published meanwhile): point it at this
        // bridge.
        admin.updateSubscription(
            UpdateSubscriptionRequest.newBuilder()
                .setSubscription(subscription)
                .setUpdateMask(
                    FieldMask.newBuilder()
                        .addPaths("push_config")
                        .addPaths("retry_policy")
                        .addPaths("ack_deadline_seconds"))
                .build());
        LOG.info("bridge re-pointed push subscription", "subscription", route.subscription());
      }
    }
    LOG.info(
        "bridge delivering",
        "subscription",
        route.subscription(),
        "function",
        route.functionName(),
        "target",
        route.target().toString());
  }

  private void handle(HttpExchange exchange) throws IOException {
    BridgeRoute route =
        routes.get(exchange.getRequestURI().getPath().substring(PUSH_PATH.length()));
    if (route == null || !"POST".equals(exchange.getRequestMethod())) {
      HttpExchanges.sendText(exchange, 404, "no such bridge route");
      return;
    }
    PushEnvelope push;
    try {
      push = PushEnvelope.parse(HttpExchanges.readBody(exchange));
    } catch (RuntimeException e) {
      LOG.warn(
          "bridge got an unreadable push; acking it so it is not pushed forever",
          "function",
          route.functionName(),
          "error",
          e.toString());
      HttpExchanges.send(exchange, 204, null, null);
      return;
    }
    long started = System.nanoTime();
    int status;
    try {
      status = delivery.deliver(route, push.message());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      status = -1;
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    if (status >= 200 && status < 300) {
      LOG.debug(
          "bridge delivered " + push.message().getMessageId() + " to " + route.functionName(),
          "status",
          status,
          "ms",
          millis);
      HttpExchanges.send(exchange, 204, null, null);
      return;
    }
    LOG.warn(
        "bridge delivery failed, Pub/Sub will redeliver",
        "function",
        route.functionName(),
        "messageId",
        push.message().getMessageId(),
        "status",
        status,
        "ms",
        millis);
    HttpExchanges.sendText(exchange, status > 0 ? 503 : 502, "function answered " + status);
  }

  private static com.google.protobuf.Duration protobuf(Duration duration) {
    return com.google.protobuf.Duration.newBuilder()
        .setSeconds(duration.getSeconds())
        .setNanos(duration.getNano())
        .build();
  }

  @Override
  public void close() {
    server.close();
  }
}
