package com.utalk.realtime.app;

import com.utalk.auth.AuthModule;
import com.utalk.auth.Role;
import com.utalk.config.Settings;
import com.utalk.events.ConversationEvent;
import com.utalk.events.EventOutbox;
import com.utalk.events.PubSubEventPublisher;
import com.utalk.json.Json;
import com.utalk.platform.Topics;
import com.utalk.realtime.RealtimeServer;
import com.utalk.testing.TestEnvironment;
import io.socket.client.IO;
import io.socket.client.Socket;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A benchmark, not a test: the realtime service's share of "webhook → agent socket" — from an event
 * being published to {@code conversation-events} to agents' sockets receiving its {@code
 * message:new} — at a fixed rate, on the Pub/Sub and Firestore emulators (started if none run). The
 * service runs in this JVM with its own subscription; the agents are Java socket.io clients over
 * WebSocket. Prints one JSON line.
 *
 * <pre>
 * java -cp realtime-service/target/test-classes:realtime-service/target/classes:$(cat realtime-service/target/bench-classpath.txt) \
 *   com.utalk.realtime.app.PublishToSocketBenchmark [rate=200] [seconds=10] [agents=20] [conversations=50]
 * </pre>
 */
public final class PublishToSocketBenchmark {
  private PublishToSocketBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rate = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int agents = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    int conversations = args.length > 3 ? Integer.parseInt(args[3]) : 50;

    TestEnvironment env = TestEnvironment.create();
    Map<String, String> values =
        new HashMap<>(
            Map.of(
                "JWT_SECRET",
                "benchmark-signing-secret-0123456789abcdefgh",
                "PORT",
                "0",
                "REALTIME_INSTANCE_ID",
                "bench-" + System.currentTimeMillis(),
                "LOG_LEVEL",
                "warn"));
    Settings settings = env.settings(values);
    RealtimeServer realtime = RealtimeServer.start(settings, Clock.systemUTC());
    AuthModule auth = new AuthModule(settings, env.firestore(), Clock.systemUTC());

    Map<String, Long> publishedAt = new ConcurrentHashMap<>();
    Map<String, AtomicInteger> receipts = new ConcurrentHashMap<>();
    List<Double> firstAgent = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Double> allAgents = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Double> publishAcked = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Socket> sockets = new ArrayList<>();
    for (int i = 0; i < agents; i++) {
      IO.Options options =
          IO.Options.builder()
              .setForceNew(true)
              .setReconnection(false)
              .setTransports(new String[] {"websocket"})
              .setAuth(
                  Map.of(
                      "token", auth.issuer().issue("bench-" + i, Role.AGENT, "ws-bench").value()))
              .build();
      Socket socket = IO.socket(URI.create("http://127.0.0.1:" + realtime.port()), options);
      CountDownLatch connected = new CountDownLatch(1);
      socket.on(Socket.EVENT_CONNECT, a -> connected.countDown());
      socket.on(
          "message:new",
          a -> {
            long now = System.nanoTime();
            String eventId = ((org.json.JSONObject) a[0]).optString("eventId");
            Long sent = publishedAt.get(eventId);
            if (sent == null) {
              return;
            }
            double ms = (now - sent) / 1e6;
            int n = receipts.computeIfAbsent(eventId, id -> new AtomicInteger()).incrementAndGet();
            if (n == 1) {
              firstAgent.add(ms);
            }
            if (n == agents) {
              allAgents.add(ms);
            }
          });
      socket.connect();
      if (!connected.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("agent " + i + " did not connect");
      }
      sockets.add(socket);
    }

    // The bare Pub/Sub hop in the same run (the notes' lesson): a plain subscriber on the same
    // topic.
    List<Double> pubsubHop = java.util.Collections.synchronizedList(new ArrayList<>());
    com.google.pubsub.v1.ProjectSubscriptionName raw =
        com.google.pubsub.v1.ProjectSubscriptionName.of(env.project().projectId(), "bench-raw-hop");
    try (var admin = env.pubsub().subscriptionAdmin()) {
      admin.createSubscription(
          com.google.pubsub.v1.Subscription.newBuilder()
              .setName(raw.toString())
              .setTopic(
                  com.google.pubsub.v1.TopicName.of(
                          env.project().projectId(), Topics.CONVERSATION_EVENTS)
                      .toString())
              .setAckDeadlineSeconds(10)
              .build());
    }
    com.google.cloud.pubsub.v1.Subscriber.Builder rawBuilder =
        com.google.cloud.pubsub.v1.Subscriber.newBuilder(
            raw,
            (com.google.cloud.pubsub.v1.MessageReceiver)
                (message, reply) -> {
                  Long sent = publishedAt.get(message.getAttributesOrDefault("eventId", ""));
                  if (sent != null) {
                    pubsubHop.add((System.nanoTime() - sent) / 1e6);
                  }
                  reply.ack();
                });
    env.pubsub().channelProvider().ifPresent(rawBuilder::setChannelProvider);
    env.pubsub().credentialsProvider().ifPresent(rawBuilder::setCredentialsProvider);
    com.google.cloud.pubsub.v1.Subscriber rawSubscriber = rawBuilder.build();
    rawSubscriber.startAsync().awaitRunning();

    PubSubEventPublisher publisher = new PubSubEventPublisher(env.pubsub());
    long[] seqs = new long[conversations];
    int total = rate * seconds;
    int warmup = Math.min(200, total / 5);
    long interval = 1_000_000_000L / rate;
    long start = System.nanoTime();
    for (int i = 0; i < warmup + total; i++) {
      long due = start + i * interval;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      int c = i % conversations;
      ConversationEvent event =
          EventOutbox.newEvent(
              ConversationEvent.MESSAGE_RECEIVED,
              "ws-bench",
              "bench-conversation-" + c,
              ++seqs[c],
              Instant.now(),
              "bench-" + i,
              Map.of("id", "m" + i, "body", "bench"));
      if (i >= warmup) {
        publishedAt.put(event.eventId(), System.nanoTime());
      }
      long publishStarted = System.nanoTime();
      boolean measured = i >= warmup;
      publisher
          .publish(
              Topics.CONVERSATION_EVENTS,
              Json.writeBytes(event),
              event.attributes(),
              event.conversationId())
          .thenRun(
              () -> {
                if (measured) {
                  publishAcked.add((System.nanoTime() - publishStarted) / 1e6);
                }
              });
    }
    double took = (System.nanoTime() - start) / 1e9;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (allAgents.size() < total && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    Map<String, Object> result = new java.util.LinkedHashMap<>();
    result.put("event", "publish-to-socket");
    result.put("targetRate", rate);
    result.put("achievedRate", Math.round((warmup + total) / took));
    result.put("published", total);
    result.put("agents", agents);
    result.put("conversations", conversations);
    result.put("publishAckMs", summary(publishAcked));
    result.put("bareSubscriberMs", summary(pubsubHop));
    result.put("firstAgentMs", summary(firstAgent));
    result.put("allAgentsMs", summary(allAgents));
    result.put("missing", total - allAgents.size());
    System.out.println(Json.write(result));
    sockets.forEach(Socket::close);
    rawSubscriber.stopAsync();
    publisher.close();
    realtime.close();
    env.close();
    System.exit(0);
  }

  private static Map<String, Object> summary(List<Double> values) {
    List<Double> sorted;
    synchronized (values) {
      sorted = new ArrayList<>(values);
    }
    sorted.sort(Double::compare);
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    out.put("n", sorted.size());
    for (int p : new int[] {50, 95, 99, 100}) {
      out.put(
          p == 100 ? "max" : "p" + p,
          sorted.isEmpty()
              ? null
              : Math.round(
                      sorted.get(
                              Math.min(
                                  sorted.size() - 1,
                                  (int) Math.ceil(p / 100.0 * sorted.size()) - 1))
                          * 10)
                  / 10.0);
    }
    return out;
  }
}
