package com.utalk.emulators.bench;

import com.google.cloud.firestore.Firestore;
import com.utalk.config.Settings;
import com.utalk.emulators.twilio.InboundWebhook;
import com.utalk.emulators.twilio.TwilioAccount;
import com.utalk.gcp.FirestoreProvider;
import com.utalk.gcp.GcpProject;
import com.utalk.messaging.PhoneNumber;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Drives signed WhatsApp webhooks through the local gateway and, in the same run, measures the bare
 * Firestore-emulator create() rate from a plain client: the ceiling on this machine. Not a test: it
 * prints figures. Run it against `emulators/dev up --detach` with `emulators/dev bench-ingest`.
 *
 * <p>Fixed-rate runs are open loop: each request's latency counts from the moment it was due, so a
 * stalled server shows up in the percentiles instead of silently lowering the offered load.
 */
public final class IngestBenchmark {
  private final String gatewayUrl;
  private final String publicBaseUrl;
  private final TwilioAccount account;
  private final PhoneNumber businessNumber;
  private final HttpClient http;
  private final ExecutorService pool = Executors.newFixedThreadPool(64);
  private final AtomicLong contactCounter = new AtomicLong();

  IngestBenchmark(Settings settings) {
    this.gatewayUrl = settings.get("GATEWAY_URL", "http://127.0.0.1:8080");
    this.publicBaseUrl = settings.get("PUBLIC_BASE_URL", gatewayUrl);
    this.account =
        new TwilioAccount(
            settings.require("TWILIO_ACCOUNT_SID"), settings.require("TWILIO_AUTH_TOKEN"));
    this.businessNumber = PhoneNumber.parse(settings.get("WHATSAPP_NUMBER", "+14155238886"));
    this.http =
        HttpClient.newBuilder().executor(pool).connectTimeout(Duration.ofSeconds(5)).build();
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = parse(args);
    Settings settings = Settings.fromEnvironment();
    IngestBenchmark bench = new IngestBenchmark(settings);
    int seconds = Integer.parseInt(options.getOrDefault("seconds", "10"));
    List<Integer> rates =
        List.of(options.getOrDefault("rates", "100,200,400").split(",")).stream()
            .map(Integer::parseInt)
            .toList();
    int concurrency = Integer.parseInt(options.getOrDefault("concurrency", "16"));

    System.out.println("warming up (2 s)...");
    bench.closedLoop(8, 2);
    List<String> rows = new ArrayList<>();
    rows.add(LatencyRecorder.Summary.header());
    LatencyRecorder.Summary ceiling = firestoreCeiling(settings, concurrency, seconds);
    rows.add(ceiling.row("firestore create() c=" + concurrency));
    LatencyRecorder.Summary max = bench.closedLoop(concurrency, seconds);
    rows.add(max.row("webhook max c=" + concurrency));
    for (int rate : rates) {
      rows.add(bench.fixedRate(rate, seconds).row("webhook at " + rate + "/s"));
    }
    rows.forEach(System.out::println);
    System.out.printf(
        "ingest / create() ceiling at c=%d: %.0f%%%n",
        concurrency, 100 * max.perSecond() / ceiling.perSecond());
    bench.pool.shutdownNow();
  }

  private HttpRequest nextWebhook() {
    long contact = contactCounter.incrementAndGet() % 1000;
    PhoneNumber from = PhoneNumber.parse(String.format("+52155%08d", contact));
    InboundWebhook webhook =
        InboundWebhook.text(account, from, businessNumber, "bench " + UUID.randomUUID());
    String body =
        webhook.params().entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return HttpRequest.newBuilder(URI.create(gatewayUrl + InboundWebhook.PATH))
        .timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-Twilio-Signature", webhook.signature(publicBaseUrl))
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  LatencyRecorder.Summary fixedRate(int perSecond, int seconds) throws Exception {
    int total = perSecond * seconds;
    LatencyRecorder recorder = new LatencyRecorder(total);
    long intervalNanos = 1_000_000_000L / perSecond;
    long start = System.nanoTime();
    List<CompletableFuture<?>> inFlight = new ArrayList<>(total);
    for (int i = 0; i < total; i++) {
      long due = start + i * intervalNanos;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      HttpRequest request = nextWebhook();
      inFlight.add(
          http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
              .whenComplete(
                  (response, error) ->
                      recorder.record(
                          (System.nanoTime() - due) / 1000,
                          error == null && response.statusCode() == 200)));
    }
    CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new))
        .exceptionally(e -> null)
        .get(60, TimeUnit.SECONDS);
    return recorder.summarize((System.nanoTime() - start) / 1e9);
  }

  LatencyRecorder.Summary closedLoop(int concurrency, int seconds) throws Exception {
    LatencyRecorder recorder = new LatencyRecorder(2_000_000);
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    long start = System.nanoTime();
    List<CompletableFuture<Void>> workers = new ArrayList<>();
    for (int w = 0; w < concurrency; w++) {
      workers.add(
          CompletableFuture.runAsync(
              () -> {
                while (System.nanoTime() < end) {
                  long sent = System.nanoTime();
                  boolean ok;
                  try {
                    ok =
                        http.send(nextWebhook(), HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                            == 200;
                  } catch (Exception e) {
                    ok = false;
                  }
                  recorder.record((System.nanoTime() - sent) / 1000, ok);
                }
              },
              pool));
    }
    CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).get();
    return recorder.summarize((System.nanoTime() - start) / 1e9);
  }

  /** create() of 1 KB documents from a plain client, closed loop, in a throwaway project. */
  static LatencyRecorder.Summary firestoreCeiling(Settings settings, int concurrency, int seconds)
      throws Exception {
    GcpProject project =
        new GcpProject(
            "bench-" + UUID.randomUUID().toString().substring(0, 8),
            settings.require("FIRESTORE_EMULATOR_HOST"),
            null);
    String payload = "x".repeat(1000);
    try (Firestore firestore = FirestoreProvider.create(project)) {
      LatencyRecorder recorder = new LatencyRecorder(2_000_000);
      ExecutorService workers = Executors.newFixedThreadPool(concurrency);
      long end = System.nanoTime() + seconds * 1_000_000_000L;
      long start = System.nanoTime();
      List<CompletableFuture<Void>> futures = new ArrayList<>();
      for (int w = 0; w < concurrency; w++) {
        futures.add(
            CompletableFuture.runAsync(
                () -> {
                  while (System.nanoTime() < end) {
                    long sent = System.nanoTime();
                    boolean ok;
                    try {
                      firestore
                          .collection("ceiling")
                          .document()
                          .create(Map.of("payload", payload))
                          .get();
                      ok = true;
                    } catch (Exception e) {
                      ok = false;
                    }
                    recorder.record((System.nanoTime() - sent) / 1000, ok);
                  }
                },
                workers));
      }
      CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get();
      workers.shutdown();
      return recorder.summarize((System.nanoTime() - start) / 1e9);
    }
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> options = new java.util.HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    return options;
  }
}
