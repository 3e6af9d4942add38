package com.utalk.emulators.bench;

import com.google.api.core.ApiFuture;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.WriteBatch;
import com.google.cloud.firestore.WriteResult;
import com.utalk.config.Settings;
import com.utalk.events.ProcessedEvents;
import com.utalk.gcp.FirestoreProvider;
import com.utalk.gcp.GcpProject;
import com.utalk.kpi.FullRecompute;
import com.utalk.kpi.KpiChangeCounter;
import com.utalk.kpi.KpiCounterStore;
import com.utalk.kpi.KpiRollup;
import com.utalk.kpi.KpiRollupStore;
import com.utalk.kpi.KpiSettings;
import com.utalk.kpi.KpiSource;
import com.utalk.logging.LogSetup;
import com.utalk.storage.FirestoreCalls;
import com.utalk.triggers.FirestoreChange;
import java.io.File;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * KPI benchmark on the Firestore emulator (a figure, not a test):
 *
 * <ol>
 *   <li>writes per message the counters add, over a realistic lifecycle (every version of every
 *       message, conversation, escalation and rating goes through the change counter, 16 at a
 *       time);
 *   <li>the hot case: every message of one workspace in one hour, with the default shards and with
 *       a single counter document, to show what sharding buys;
 *   <li>the full recompute over {@code RECOMPUTE_MESSAGES} messages (default 1,000,000) loaded with
 *       WriteBatch into a Firestore emulator started just for this run (so the shared one does not
 *       keep gigabytes of benchmark data), then stopped.
 * </ol>
 *
 * Settings: {@code BENCH_MESSAGES} (20,000), {@code RECOMPUTE_MESSAGES} (1,000,000), {@code
 * FIRESTORE_EMULATOR_HOST} for parts 1–2, {@code BENCH_PARTS} (e.g. "1,2,3").
 */
public final class KpiBenchmark {
  public static void main(String[] args) throws Exception {
    Settings settings = Settings.fromEnvironment().with(Map.of("LOG_LEVEL", "warn"));
    LogSetup.install(settings);
    String parts = settings.get("BENCH_PARTS", "1,2,3");
    int messages = settings.getInt("BENCH_MESSAGES", 20_000);
    if (parts.contains("1") || parts.contains("2")) {
      GcpProject project =
          new GcpProject(
              "kpi-bench-" + UUID.randomUUID().toString().substring(0, 8),
              settings.require("FIRESTORE_EMULATOR_HOST"),
              null);
      try (Firestore firestore =
          FirestoreProvider.create(project, Duration.ofSeconds(30), Duration.ofSeconds(60))) {
        if (parts.contains("1")) {
          writesPerMessage(firestore, messages);
        }
        if (parts.contains("2")) {
          hotHour(firestore, messages / 2, KpiSettings.DEFAULT_SHARDS);
          hotHour(firestore, messages / 2, 1);
        }
      }
    }
    if (parts.contains("3")) {
      fullRecompute(settings.getInt("RECOMPUTE_MESSAGES", 1_000_000));
    }
    System.exit(0);
  }

  private static void writesPerMessage(Firestore firestore, int messages) throws Exception {
    KpiWorkload workload =
        KpiWorkload.generate(
            1,
            messages,
            List.of("ws-1", "ws-2", "ws-3", "ws-4", "ws-5"),
            Instant.parse("2026-03-02T00:00:00Z"),
            7 * 24,
            true);
    // Changes commute, so the message documents' changes and the others can be applied one group
    // after the other.
    List<FirestoreChange> ofMessages =
        workload.changes.stream().filter(c -> c.collection().equals("messages")).toList();
    List<FirestoreChange> ofOthers =
        workload.changes.stream().filter(c -> !c.collection().equals("messages")).toList();
    Run onMessages = apply(firestore, KpiSettings.defaults(), ofMessages, 16);
    Run onOthers = apply(firestore, KpiSettings.defaults(), ofOthers, 16);
    long writes = onMessages.writes + onOthers.writes;
    System.out.println(
        "== 1. writes added by the KPI counters, realistic lifecycle (5 workspaces, 7 days, 16 concurrent) ==");
    System.out.printf(
        "messages %d, change events %d (every version of every message/conversation/escalation/rating)%n",
        workload.messages, workload.changes.size());
    System.out.printf(
        "message documents: %d change events, %d moved a counter, %d counter writes = %.3f per message%n",
        ofMessages.size(),
        onMessages.counted,
        onMessages.writes,
        (double) onMessages.writes / workload.messages);
    System.out.printf(
        "conversations, escalations, ratings: %d change events, %d moved a counter, %d counter writes = %.3f per message%n",
        ofOthers.size(),
        onOthers.counted,
        onOthers.writes,
        (double) onOthers.writes / workload.messages);
    System.out.printf(
        "all KPI counting: %d writes = %.3f per message (goal <= 2); %.1f%% of change events cost no write%n",
        writes,
        (double) writes / workload.messages,
        100.0
            * (workload.changes.size() - onMessages.counted - onOthers.counted)
            / workload.changes.size());
    System.out.println(LatencyRecorder.Summary.header());
    System.out.println(onMessages.summary.row("apply (message changes)"));
    System.out.println(onOthers.summary.row("apply (other changes)"));
    System.out.println();
  }

  private static void hotHour(Firestore firestore, int messages, int shards) throws Exception {
    KpiWorkload workload =
        KpiWorkload.generate(
            2 + shards,
            messages,
            List.of("ws-hot-" + shards),
            Instant.parse("2026-03-03T10:00:00Z"),
            1,
            true);
    List<FirestoreChange> writing =
        workload.changes.stream()
            .filter(
                c ->
                    !KpiChangeCounter.deltas(
                            KpiSource.forCollection(c.collection()).orElseThrow(),
                            c.before(),
                            c.after())
                        .isEmpty())
            .toList();
    Run run = apply(firestore, new KpiSettings(shards, Duration.ofMinutes(10)), writing, 16);
    System.out.printf(
        "== 2. hot hour: %d messages of one workspace in one hour, %d shard(s), only the %d counting events, 16 concurrent ==%n",
        workload.messages, shards, writing.size());
    System.out.println(LatencyRecorder.Summary.header());
    System.out.println(run.summary.row("apply, " + shards + " shard(s)"));
    System.out.println();
  }

  private record Run(long counted, long writes, LatencyRecorder.Summary summary) {}

  private static Run apply(
      Firestore firestore, KpiSettings settings, List<FirestoreChange> changes, int concurrency)
      throws Exception {
    KpiCounterStore store = new KpiCounterStore(firestore, settings);
    KpiChangeCounter counter =
        new KpiChangeCounter(firestore, store, new ProcessedEvents(firestore, Clock.systemUTC()));
    List<FirestoreChange> shuffled = new ArrayList<>(changes);
    Collections.shuffle(shuffled, new Random(7));
    LatencyRecorder latencies = new LatencyRecorder(shuffled.size());
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    long started = System.nanoTime();
    List<Future<KpiChangeCounter.Outcome>> results = new ArrayList<>();
    for (FirestoreChange change : shuffled) {
      results.add(
          pool.submit(
              () -> {
                long t0 = System.nanoTime();
                KpiChangeCounter.Outcome outcome = counter.apply(change);
                latencies.record((System.nanoTime() - t0) / 1000, true);
                return outcome;
              }));
    }
    long counted = 0;
    for (Future<KpiChangeCounter.Outcome> result : results) {
      counted += result.get() == KpiChangeCounter.Outcome.COUNTED ? 1 : 0;
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    pool.shutdown();
    return new Run(counted, counter.writesCommitted(), latencies.summarize(seconds));
  }

  private static void fullRecompute(int messages) throws Exception {
    int port = freePort();
    String host = "127.0.0.1:" + port;
    File log = File.createTempFile("kpi-bench-firestore", ".log");
    Process emulator =
        new ProcessBuilder(
                "gcloud", "emulators", "firestore", "start", "--host-port=" + host, "--quiet")
            .redirectErrorStream(true)
            .redirectOutput(log)
            .start();
    try {
      waitForPort(port);
      GcpProject project = new GcpProject("kpi-recompute", host, null);
      try (Firestore firestore =
              FirestoreProvider.create(project, Duration.ofSeconds(60), Duration.ofSeconds(120));
          Firestore scanner =
              FirestoreProvider.create(
                  project, FullRecompute.SCAN_TIMEOUT, FullRecompute.SCAN_TIMEOUT)) {
        KpiWorkload workload =
            KpiWorkload.generate(
                3,
                messages,
                List.of("ws-1", "ws-2", "ws-3", "ws-4", "ws-5", "ws-6", "ws-7", "ws-8"),
                Instant.parse("2026-01-01T00:00:00Z"),
                90 * 24,
                false);
        long docs = workload.finalState.values().stream().mapToLong(Map::size).sum();
        long loadStarted = System.nanoTime();
        load(firestore, workload);
        double loadSeconds = (System.nanoTime() - loadStarted) / 1e9;
        System.out.printf(
            "== 3. full recompute over %d messages (%d documents in 4 collections, 8 workspaces, 90 days), own emulator on %s ==%n",
            workload.messages, docs, host);
        System.out.printf(
            "load with WriteBatch (500/batch, 8 in flight): %.1f s, %.0f docs/s%n",
            loadSeconds, docs / loadSeconds);
        workload = null; // let the generator's copy go before scanning
        KpiCounterStore store = new KpiCounterStore(firestore, KpiSettings.defaults());
        FullRecompute recompute =
            new FullRecompute(
                scanner,
                firestore,
                store,
                new KpiRollup(
                    firestore,
                    store,
                    new KpiRollupStore(firestore),
                    KpiSettings.defaults(),
                    Clock.systemUTC()));
        long cpuBefore = processCpu(emulator);
        long selfBefore = selfCpu();
        FullRecompute.Scan scan = recompute.scan(null);
        long cpuAfter = processCpu(emulator);
        long selfAfter = selfCpu();
        double seconds = scan.took().toMillis() / 1000.0;
        long read = scan.documents().values().stream().mapToLong(Long::longValue).sum();
        System.out.printf(
            "full recompute: %d documents read (%s), %d workspace-hours, %.1f s, %.0f docs/s%n",
            read, scan.documents(), scan.buckets().size(), seconds, read / seconds);
        System.out.printf(
            "CPU during the scan: emulator %.1f s, this JVM (client + folding) %.1f s, of %.1f s wall on %d cores%n",
            (cpuAfter - cpuBefore) / 1e9,
            (selfAfter - selfBefore) / 1e9,
            seconds,
            Runtime.getRuntime().availableProcessors());
        long bareStarted = System.nanoTime();
        long bare =
            FirestoreCalls.await(
                    scanner.collection("messages").select("createdAt").count().get(),
                    FullRecompute.SCAN_TIMEOUT)
                .getCount();
        System.out.printf(
            "for scale: count() aggregation over messages on the emulator: %d in %.1f s%n",
            bare, (System.nanoTime() - bareStarted) / 1e9);
      }
    } finally {
      emulator.descendants().forEach(ProcessHandle::destroy);
      emulator.destroy();
      emulator.waitFor();
    }
  }

  private static void load(Firestore firestore, KpiWorkload workload) {
    List<ApiFuture<List<WriteResult>>> inFlight = new ArrayList<>();
    WriteBatch batch = firestore.batch();
    int pending = 0;
    for (var collection : workload.finalState.entrySet()) {
      for (var doc : collection.getValue().entrySet()) {
        batch.set(firestore.collection(collection.getKey()).document(doc.getKey()), doc.getValue());
        if (++pending == 500) {
          inFlight.add(batch.commit());
          batch = firestore.batch();
          pending = 0;
          if (inFlight.size() >= 8) {
            FirestoreCalls.await(inFlight.remove(0), Duration.ofMinutes(2));
          }
        }
      }
    }
    if (pending > 0) {
      inFlight.add(batch.commit());
    }
    inFlight.forEach(future -> FirestoreCalls.await(future, Duration.ofMinutes(2)));
  }

  /** CPU time of the emulator's JVM (the gcloud wrapper's java child), in nanoseconds. */
  private static long processCpu(Process emulator) {
    return emulator
        .descendants()
        .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L))
        .sum();
  }

  private static long selfCpu() {
    return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void waitForPort(int port) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 300);
        return;
      } catch (Exception e) {
        Thread.sleep(200);
      }
    }
    throw new IllegalStateException(
        "the benchmark's Firestore emulator did not start on port " + port);
  }
}
