package com.utalk.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Firestore;
import com.utalk.events.ProcessedEvents;
import com.utalk.gcp.FirestoreProvider;
import com.utalk.storage.FirestoreCalls;
import com.utalk.testing.TestEnvironment;
import com.utalk.triggers.FirestoreChange;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The incremental counters, fed every change of a randomized history (more than 10,000 messages,
 * four workspaces, five days) in shuffled order, concurrently, with 5% of the events delivered
 * twice, equal the full recompute over the final raw collections, bucket by bucket; and the rollups
 * built from them equal the formulas applied to the raw documents of each day.
 */
class IncrementalCountersTest {
  private static final long SEED = 20260302L;
  private static TestEnvironment env;
  private static Firestore scanner;
  private static RandomKpiDataset dataset;
  private static KpiCounterStore counters;
  private static KpiRollupStore rollups;
  private static KpiRollup rollup;
  private static FullRecompute recompute;
  private static Map<KpiChangeCounter.Outcome, Integer> outcomes;
  private static int expectedCounted;
  private static int redelivered;

  @BeforeAll
  static void feedEveryChange() throws Exception {
    env = TestEnvironment.create();
    dataset = new RandomKpiDataset(SEED, 4, 5, 10_000);
    dataset.writeFinalState(env.firestore());
    KpiSettings settings = KpiSettings.defaults();
    counters = new KpiCounterStore(env.firestore(), settings);
    rollups = new KpiRollupStore(env.firestore());
    rollup = new KpiRollup(env.firestore(), counters, rollups, settings, Clock.systemUTC());
    scanner =
        FirestoreProvider.create(
            env.project(), FullRecompute.SCAN_TIMEOUT, FullRecompute.SCAN_TIMEOUT);
    recompute = new FullRecompute(scanner, env.firestore(), counters, rollup);
    KpiChangeCounter counter =
        new KpiChangeCounter(
            env.firestore(), counters, new ProcessedEvents(env.firestore(), Clock.systemUTC()));

    List<FirestoreChange> changes = dataset.changes();
    for (FirestoreChange change : changes) {
      if (!KpiChangeCounter.deltas(
              KpiSource.forCollection(change.collection()).orElseThrow(),
              change.before(),
              change.after())
          .isEmpty()) {
        expectedCounted++;
      }
    }
    Random random = new Random(SEED);
    List<FirestoreChange> deliveries = new ArrayList<>(changes);
    for (FirestoreChange change : changes) {
      if (random.nextDouble() < 0.05) {
        deliveries.add(change);
        redelivered++;
      }
    }
    Collections.shuffle(deliveries, random);
    outcomes = new EnumMap<>(KpiChangeCounter.Outcome.class);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    long started = System.nanoTime();
    List<Future<KpiChangeCounter.Outcome>> results = new ArrayList<>();
    for (FirestoreChange change : deliveries) {
      results.add(pool.submit(() -> counter.apply(change)));
    }
    for (Future<KpiChangeCounter.Outcome> result : results) {
      outcomes.merge(result.get(), 1, Integer::sum);
    }
    pool.shutdown();
    System.out.printf(
        "%d messages, %d documents, %d changes (+%d redelivered) applied in %d ms: %s%n",
        dataset.messages,
        dataset.docs.size(),
        changes.size(),
        redelivered,
        (System.nanoTime() - started) / 1_000_000,
        outcomes);
  }

  @AfterAll
  static void close() throws Exception {
    scanner.close();
    env.close();
  }

  @Test
  void datasetIsLargeEnough() {
    assertTrue(dataset.messages >= 10_000, "messages: " + dataset.messages);
    assertEquals(4, dataset.workspaces.size());
  }

  @Test
  void eachChangeIsCountedOnceAndRedeliveriesAreRecognised() {
    assertEquals(expectedCounted, outcomes.getOrDefault(KpiChangeCounter.Outcome.COUNTED, 0));
    int duplicates = outcomes.getOrDefault(KpiChangeCounter.Outcome.DUPLICATE, 0);
    assertTrue(
        duplicates > 0 && duplicates <= redelivered,
        "duplicates " + duplicates + " of " + redelivered);
  }

  @Test
  void countersEqualTheFullRecomputeInEveryBucket() {
    FullRecompute.Verification verification = recompute.verify(null);
    assertTrue(
        verification.exact(),
        verification.mismatches().size()
            + " of "
            + verification.bucketsCompared()
            + " buckets differ, e.g. "
            + verification.mismatches().subList(0, Math.min(3, verification.mismatches().size())));
    assertTrue(
        verification.bucketsCompared() > 4 * 5 * 20, "buckets: " + verification.bucketsCompared());
    assertEquals(dataset.messages, verification.scan().documents().get(KpiSource.MESSAGES));
  }

  @Test
  void dailyRollupsEqualTheFormulasOnEachDaysRawDocuments() {
    rollup.runIncremental();
    Map<String, Tally> expected = new HashMap<>();
    for (RandomKpiDataset.Doc doc : dataset.docs) {
      KpiSource.forCollection(doc.collection())
          .orElseThrow()
          .contribution(doc.last())
          .ifPresent(
              c ->
                  expected.merge(
                      c.workspaceId() + "|" + Period.DAY.start(c.hour()), c.tally(), Tally::plus));
    }
    for (Map.Entry<String, Tally> entry : expected.entrySet()) {
      String[] key = entry.getKey().split("\\|");
      Instant day = Instant.parse(key[1]);
      DocumentSnapshot stored = FirestoreCalls.await(rollups.ref(key[0], Period.DAY, day).get());
      assertTrue(stored.exists(), "no rollup for " + entry.getKey());
      @SuppressWarnings("unchecked")
      Map<String, Object> kpis = (Map<String, Object>) stored.get("kpis");
      for (Kpi kpi : Kpi.values()) {
        KpiValue want = kpi.evaluate(entry.getValue());
        @SuppressWarnings("unchecked")
        Map<String, Object> got = (Map<String, Object>) kpis.get(kpi.id());
        assertEquals(
            want.numerator(),
            ((Number) got.get("numerator")).longValue(),
            entry.getKey() + " " + kpi.id());
        assertEquals(
            want.denominator(),
            ((Number) got.get("denominator")).longValue(),
            entry.getKey() + " " + kpi.id());
        assertEquals(
            want.value(),
            ((Number) got.get("value")).doubleValue(),
            1e-9,
            entry.getKey() + " " + kpi.id());
        assertEquals(want.status().wire(), got.get("status"));
      }
    }
    // A month is the sum of its days, a week of its seven days.
    String ws = dataset.workspaces.get(0);
    Tally monthExpected = Tally.ZERO;
    for (Map.Entry<String, Tally> entry : expected.entrySet()) {
      if (entry.getKey().startsWith(ws + "|")) {
        monthExpected = monthExpected.plus(entry.getValue());
      }
    }
    Instant month = Period.MONTH.start(RandomKpiDataset.START);
    assertEquals(monthExpected, rollups.sum(ws, Period.MONTH, month, Period.MONTH.next(month)));
  }
}
