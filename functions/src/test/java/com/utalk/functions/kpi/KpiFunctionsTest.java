package com.utalk.functions.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Firestore;
import com.google.events.cloud.firestore.v1.Document;
import com.google.events.cloud.firestore.v1.DocumentEventData;
import com.google.pubsub.v1.PubsubMessage;
import com.utalk.emulators.firestoretrigger.FirestoreTriggerBridge;
import com.utalk.emulators.firestoretrigger.TriggerRoute;
import com.utalk.events.EventOutbox;
import com.utalk.events.PubSubEventPublisher;
import com.utalk.functions.messaging.WhatsAppInboundWebhook;
import com.utalk.functions.testing.FunctionServer;
import com.utalk.functions.testing.PubSubEvents;
import com.utalk.functions.testing.StackUnderTest;
import com.utalk.gcp.FirestoreProvider;
import com.utalk.json.Json;
import com.utalk.kpi.FullRecompute;
import com.utalk.kpi.KpiCounter;
import com.utalk.kpi.KpiCounterStore;
import com.utalk.kpi.KpiRollup;
import com.utalk.kpi.KpiRollupStore;
import com.utalk.kpi.KpiSettings;
import com.utalk.kpi.Period;
import com.utalk.kpi.Tally;
import com.utalk.messaging.Author;
import com.utalk.messaging.OutboundMessageService;
import com.utalk.messaging.OutboundRequest;
import com.utalk.metrics.Metrics;
import com.utalk.platform.FunctionCatalog;
import com.utalk.platform.FunctionSpec;
import com.utalk.platform.FunctionTrigger;
import com.utalk.platform.Topics;
import com.utalk.storage.FirestoreCalls;
import com.utalk.triggers.DocumentValues;
import com.utalk.triggers.FirestoreEventTypes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The KPI functions as deployed, on the local stack: webhooks and replies write Firestore, the
 * bridge turns the writes into Eventarc CloudEvents for the four counter deployments, the counters
 * equal a full recompute, a redelivered CloudEvent counts once, the rollup function writes the
 * rollup documents, and /metrics shows the traffic.
 */
class KpiFunctionsTest {
  private static StackUnderTest stack;
  private static FunctionServer webhook;
  private static FunctionServer counter;
  private static FunctionServer rollup;
  private static FirestoreTriggerBridge bridge;
  private static Firestore scanner;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    stack = new StackUnderTest();
    Map<String, String> settings = stack.settings();
    settings.put("LOG_LEVEL", "warn");
    webhook = FunctionServer.http(WhatsAppInboundWebhook.class, settings);
    counter = FunctionServer.start(KpiCounterFunction.class, "cloudevent", settings);
    rollup = FunctionServer.start(KpiRollupFunction.class, "cloudevent", settings);
    Map<String, URI> urls = new HashMap<>();
    for (FunctionSpec spec : FunctionCatalog.FUNCTIONS) {
      if (spec.entryPoint().equals(KpiCounterFunction.class.getName())) {
        urls.put(spec.name(), URI.create(counter.url("/")));
      }
    }
    List<TriggerRoute> routes = FirestoreTriggerBridge.routesFromCatalog(urls);
    assertEquals(4, routes.size(), "messages, conversations, escalations and ratings are counted");
    bridge =
        FirestoreTriggerBridge.start(
            stack.env.firestore(), stack.env.project().projectId(), routes, 4, 6);
    scanner =
        FirestoreProvider.create(
            stack.env.project(), FullRecompute.SCAN_TIMEOUT, FullRecompute.SCAN_TIMEOUT);
  }

  @AfterAll
  static void stop() throws Exception {
    bridge.close();
    scanner.close();
    rollup.close();
    counter.close();
    webhook.close();
    stack.close();
  }

  @Test
  void countersFollowRealTrafficAndEqualTheFullRecompute() throws Exception {
    // Other test classes in this JVM also record into the process's metrics: compare before/after.
    String metricsBefore = Metrics.get().scrape();
    List<String> conversations = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      var inbound = stack.inbound("+52155100000" + String.format("%02d", i), "hola " + i);
      HttpResponse<String> response =
          stack.deliver(webhook.url("/webhooks/twilio/whatsapp"), inbound);
      assertEquals(200, response.statusCode(), response.body());
    }
    for (var doc :
        FirestoreCalls.await(stack.env.firestore().collection("conversations").get())
            .getDocuments()) {
      conversations.add(doc.getId());
    }
    try (PubSubEventPublisher publisher = new PubSubEventPublisher(stack.env.pubsub())) {
      OutboundMessageService outbound =
          new OutboundMessageService(
              stack.env.firestore(),
              new EventOutbox(stack.env.firestore(), publisher, Clock.systemUTC()),
              publisher,
              Clock.systemUTC());
      for (String conversationId : conversations.subList(0, 6)) {
        outbound.queue(
            new OutboundRequest(
                StackUnderTest.WORKSPACE,
                conversationId,
                UUID.randomUUID().toString(),
                "¿en qué le ayudo?",
                List.of(),
                Author.bot(),
                850L),
            "req-bot");
        outbound.queue(
            new OutboundRequest(
                StackUnderTest.WORKSPACE,
                conversationId,
                UUID.randomUUID().toString(),
                "soy Ana",
                List.of(),
                Author.agent("ana"),
                null),
            "req-agent");
      }
    }
    // Status changes and closes: updates that move counters (failed, closed) and many that do not.
    Firestore firestore = stack.env.firestore();
    var outboundDocs =
        FirestoreCalls.await(
                firestore.collection("messages").whereEqualTo("direction", "outbound").get())
            .getDocuments();
    for (int i = 0; i < outboundDocs.size(); i++) {
      FirestoreCalls.await(
          outboundDocs.get(i).getReference().update("status", i % 4 == 0 ? "failed" : "delivered"));
    }
    for (String conversationId : conversations.subList(0, 4)) {
      FirestoreCalls.await(
          firestore
              .collection("conversations")
              .document(conversationId)
              .update("status", "closed", "resolvedInFirstContact", true));
    }
    assertTrue(bridge.awaitIdle(Duration.ofSeconds(60)));

    KpiCounterStore store = new KpiCounterStore(firestore, KpiSettings.defaults());
    KpiRollup kpiRollup =
        new KpiRollup(
            firestore,
            store,
            new KpiRollupStore(firestore),
            KpiSettings.defaults(),
            Clock.systemUTC());
    FullRecompute.Verification verification =
        new FullRecompute(scanner, firestore, store, kpiRollup).verify(StackUnderTest.WORKSPACE);
    assertTrue(verification.exact(), "mismatches: " + verification.mismatches());
    Tally total = verification.scan().buckets().values().stream().reduce(Tally.ZERO, Tally::plus);
    assertEquals(12 + 12, total.get(KpiCounter.MESSAGES));
    assertEquals(12, total.get(KpiCounter.CONVERSATIONS));
    assertEquals(4, total.get(KpiCounter.CONVERSATIONS_RESOLVED_FIRST_CONTACT));
    assertEquals(6, total.get(KpiCounter.BOT_RESPONSES));
    assertEquals(3, total.get(KpiCounter.FAILED_OUTBOUND_MESSAGES));
    assertEquals(0, bridge.dropped("kpi-counter-messages"));

    // The rollup function, as Cloud Scheduler triggers it, writes today's hour/day/week/month
    // documents.
    postCloudEvent(
        rollup.url("/"),
        PubSubEvents.messagePublished(
            "rollup-1",
            stack.env.project().projectId(),
            Topics.KPI_ROLLUP,
            PubsubMessage.newBuilder()
                .setData(com.google.protobuf.ByteString.copyFromUtf8("{}"))
                .setMessageId("m1")
                .build()));
    Instant now = Instant.now();
    for (Period period : Period.values()) {
      DocumentSnapshot doc =
          FirestoreCalls.await(
              new KpiRollupStore(firestore).ref(StackUnderTest.WORKSPACE, period, now).get());
      assertTrue(doc.exists(), period + " rollup missing");
      @SuppressWarnings("unchecked")
      Map<String, Object> fcr =
          (Map<String, Object>) ((Map<String, Object>) doc.get("kpis")).get("fcr");
      assertEquals(
          Map.of(
              "value",
              4.0 / 12,
              "numerator",
              4L,
              "denominator",
              12L,
              "target",
              0.7,
              "status",
              "breach"),
          fcr.entrySet().stream()
              .filter(e -> !e.getKey().equals("unit") && !e.getKey().equals("comparison"))
              .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    // /metrics of this process (the functions ran in it) shows the traffic under the operations
    // reference's names.
    String metrics = Metrics.get().scrape();
    String webhook2xx =
        "http_requests_total{http_request_method=\"POST\",http_response_status_class=\"2xx\",http_route=\"/webhooks/twilio/whatsapp\",otel_scope_name=\"com.utalk\"}";
    assertEquals(12, sample(metrics, webhook2xx) - sample(metricsBefore, webhook2xx), metrics);
    assertEquals(
        12,
        sample(metrics, "messages_total{direction=\"inbound\",otel_scope_name=\"com.utalk\"}")
            - sample(
                metricsBefore,
                "messages_total{direction=\"inbound\",otel_scope_name=\"com.utalk\"}"));
    assertEquals(
        12,
        sample(metrics, "conversations_total" + SCOPE)
            - sample(metricsBefore, "conversations_total" + SCOPE));
    assertEquals(
        6,
        sample(metrics, "bot_responses_total" + SCOPE)
            - sample(metricsBefore, "bot_responses_total" + SCOPE));
    assertTrue(
        metrics.contains(
            "db_operation_duration_seconds_count{db_system=\"firestore\",otel_scope_name=\"com.utalk\",outcome=\"ok\"}"),
        metrics);
  }

  /** OpenTelemetry's Prometheus exporter labels every series with the meter's name. */
  private static final String SCOPE = "{otel_scope_name=\"com.utalk\"}";

  /** The value of one series in Prometheus text (0 when absent). */
  private static double sample(String text, String series) {
    return text.lines()
        .filter(line -> line.startsWith(series + " "))
        .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1)))
        .findFirst()
        .orElse(0);
  }

  @Test
  void aRedeliveredCloudEventCountsOnce() throws Exception {
    Map<String, Object> rating = new HashMap<>();
    rating.put("workspaceId", "ws-redelivery");
    rating.put("kind", "csat");
    rating.put("score", 5L);
    rating.put("createdAt", com.google.cloud.Timestamp.parseTimestamp("2026-03-03T09:10:00Z"));
    String database = "projects/" + stack.env.project().projectId() + "/databases/(default)";
    byte[] payload =
        DocumentEventData.newBuilder()
            .setValue(
                Document.newBuilder()
                    .setName(database + "/documents/ratings/r1")
                    .putAllFields(DocumentValues.toProto(rating, database)))
            .build()
            .toByteArray();
    for (int delivery = 0; delivery < 3; delivery++) {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(counter.url("/")))
                  .header("Content-Type", FirestoreEventTypes.CONTENT_TYPE)
                  .header("ce-specversion", "1.0")
                  .header("ce-id", "eventarc-id-42")
                  .header("ce-source", "//firestore.googleapis.com/" + database)
                  .header("ce-type", FirestoreEventTypes.WRITTEN)
                  .header("ce-subject", "documents/ratings/r1")
                  .header("ce-document", "ratings/r1")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(payload))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, response.statusCode(), response.body());
    }
    Instant hour = Instant.parse("2026-03-03T09:00:00Z");
    var bucket = new com.utalk.kpi.HourBucket("ws-redelivery", hour);
    Tally tally =
        new KpiCounterStore(stack.env.firestore(), KpiSettings.defaults())
            .read(java.util.Set.of(bucket))
            .get(bucket);
    assertEquals(1, tally.get(KpiCounter.CSAT_RATINGS));
    assertEquals(1, tally.get(KpiCounter.CSAT_POSITIVE));
  }

  @Test
  void catalogDeclaresTheFirestoreTriggers() {
    long firestoreTriggered =
        FunctionCatalog.FUNCTIONS.stream()
            .filter(f -> f.trigger() instanceof FunctionTrigger.Firestore)
            .count();
    assertTrue(firestoreTriggered >= 4);
    assertTrue(Topics.ALL.contains(Topics.KPI_ROLLUP));
  }

  private static void postCloudEvent(String url, io.cloudevents.CloudEvent event) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .header("ce-specversion", "1.0")
                .header("ce-id", event.getId())
                .header("ce-source", event.getSource().toString())
                .header("ce-type", event.getType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(event.getData().toBytes()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
  }

  static String json(Object value) {
    return Json.write(value);
  }
}
