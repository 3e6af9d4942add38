package com.utalk.ops.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.firestore.QueryDocumentSnapshot;
import com.sun.net.httpserver.HttpServer;
import com.utalk.json.Json;
import com.utalk.ops.cli.Finding;
import com.utalk.ops.cli.OpsContext;
import com.utalk.platform.Topics;
import com.utalk.testing.EventTap;
import com.utalk.testing.TestEnvironment;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A release whose build answers 5xx, under steady traffic, watched on its /metrics with the window
 * in seconds (window 20 s, step 0.5 s, rollback after 2 s): the watch rolls it back within the
 * window, the previous version serves again, and the rollback is in the audit log. A healthy build
 * passes the same watch. The "build" is a small HTTP server that counts its answers in the
 * Prometheus format the services expose; its rollback switches it to the previous behaviour. (The
 * real stack doing the same with versioned releases: ReleaseOnTheLocalStackTest.)
 */
class FailingReleaseTest {
  private static final Duration ROLLBACK_AFTER = Duration.ofSeconds(2);

  /** A deployed build: answers /api/* 200 or 503, and exposes its counts at /metrics. */
  private static final class Build implements Deployment, AutoCloseable {
    final HttpServer server;
    final AtomicBoolean failing = new AtomicBoolean();
    final AtomicLong ok = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicInteger rollbacks = new AtomicInteger();
    volatile long rolledBackAtNanos;

    Build(boolean failing) throws Exception {
      this.failing.set(failing);
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext(
          "/api/",
          exchange -> {
            int status = this.failing.get() ? 503 : 200;
            (status == 200 ? ok : failed).incrementAndGet();
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
          });
      server.createContext(
          "/metrics",
          exchange -> {
            long all = ok.get() + failed.get();
            String body =
                "http_requests_total{http_response_status_class=\"2xx\",service=\"api\"} "
                    + ok.get()
                    + "\n"
                    + "http_requests_total{http_response_status_class=\"5xx\",service=\"api\"} "
                    + failed.get()
                    + "\n"
                    + "http_request_duration_seconds_bucket{le=\"0.05\",service=\"api\"} "
                    + all
                    + "\n"
                    + "http_request_duration_seconds_bucket{le=\"+Inf\",service=\"api\"} "
                    + all
                    + "\n"
                    + "jvm_heap_size_used_bytes{service=\"api\"} 50000000\n";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(bytes);
            }
          });
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public String deploy() {
      return "deployed";
    }

    @Override
    public Rollback rollback() {
      rollbacks.incrementAndGet();
      rolledBackAtNanos = System.nanoTime();
      failing.set(false); // the previous version serves again
      return new Rollback("1.2.0", "1.1.0", "previous version serving");
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  private TestEnvironment env;
  private Thread traffic;
  private final AtomicBoolean running = new AtomicBoolean(true);

  @BeforeEach
  void start() {
    env = TestEnvironment.create();
  }

  @AfterEach
  void stop() throws Exception {
    running.set(false);
    if (traffic != null) {
      traffic.join(5_000);
    }
    env.close();
  }

  /** Agents' requests, one every 20 ms. */
  private void trafficTo(Build build) {
    HttpClient http = HttpClient.newHttpClient();
    traffic =
        new Thread(
            () -> {
              while (running.get()) {
                try {
                  http.send(
                      HttpRequest.newBuilder(URI.create(build.url() + "/api/conversations"))
                          .GET()
                          .build(),
                      HttpResponse.BodyHandlers.discarding());
                  Thread.sleep(20);
                } catch (Exception e) {
                  return;
                }
              }
            });
    traffic.setDaemon(true);
    traffic.start();
  }

  private OpsContext context() {
    return EmulatorContext.of(env);
  }

  private static ReleaseInputs inputs() {
    return new ReleaseInputs(
        Path.of(".."), "1.2.0", Duration.ofSeconds(20), Duration.ofMillis(500), ROLLBACK_AFTER);
  }

  @Test
  void aBuildAnswering5xxIsRolledBackWithinTheWindow() throws Exception {
    try (Build build = new Build(true);
        EventTap frontEnds = EventTap.open(env.pubsub(), Topics.CONVERSATION_EVENTS)) {
      trafficTo(build);
      long started = System.nanoTime();
      Finding finding =
          PostRelease.watch(
              context(), inputs(), PostRelease.scraper(build.url() + "/metrics"), build);
      long rolledBackAfterMs = (build.rolledBackAtNanos - started) / 1_000_000;

      assertEquals(Finding.Outcome.PROBLEM, finding.outcome());
      assertTrue(finding.verdict().contains("rolled back automatically"), finding.verdict());
      assertEquals(1, build.rollbacks.get());
      assertTrue(
          rolledBackAfterMs >= ROLLBACK_AFTER.toMillis(),
          "not before the errors were sustained: " + rolledBackAfterMs + " ms");
      assertTrue(
          rolledBackAfterMs < inputs().window().toMillis(),
          "within the window: " + rolledBackAfterMs + " ms");
      System.out.println(
          "rolled back "
              + rolledBackAfterMs
              + " ms after the watch started (rule: 2 s; window 20 s)");

      long okBefore = build.ok.get();
      Thread.sleep(500);
      assertTrue(build.ok.get() > okBefore, "the previous version answers 200 again");

      List<QueryDocumentSnapshot> audit =
          env.firestore()
              .collection("auditLogs")
              .whereEqualTo("action", "release.rollback")
              .get()
              .get()
              .getDocuments();
      assertEquals(1, audit.size());
      assertEquals("1.2.0", audit.get(0).getString("targetId"));
      assertEquals("ops-test-run", audit.get(0).getString("requestId"));

      // every connected front end is told which version serves again (realtime turns this into
      // api:changes)
      JsonNode announced =
          Json.read(frontEnds.await(1, Duration.ofSeconds(10)).get(0).getData().toByteArray());
      assertEquals("api.changes", announced.path("type").asText());
      assertEquals("1.1.0", announced.path("payload").path("version").asText());
      assertEquals("1.2.0", announced.path("payload").path("rolledBackFrom").asText());
      assertTrue(
          announced.path("payload").path("changes").size() > 0,
          "1.1.0's changelog section: " + announced);
    }
  }

  @Test
  void aHealthyBuildPassesTheWatch() throws Exception {
    try (Build build = new Build(false)) {
      trafficTo(build);
      ReleaseInputs shortWatch =
          new ReleaseInputs(
              Path.of(".."),
              "1.2.0",
              Duration.ofSeconds(4),
              Duration.ofMillis(500),
              ROLLBACK_AFTER);
      Finding finding =
          PostRelease.watch(
              context(), shortWatch, PostRelease.scraper(build.url() + "/metrics"), build);
      assertEquals(
          Finding.Outcome.OK, finding.outcome(), finding.verdict() + " " + finding.evidence());
      assertEquals(0, build.rollbacks.get());
      assertFalse(finding.evidence().isEmpty());
    }
  }
}
