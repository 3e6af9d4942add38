package com.utalk.flags;

import com.utalk.errors.StorageUnavailableException;
import com.utalk.logging.Log;
import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.EvaluationContext;
import dev.openfeature.sdk.EventProvider;
import dev.openfeature.sdk.Metadata;
import dev.openfeature.sdk.ProviderEvaluation;
import dev.openfeature.sdk.ProviderEventDetails;
import dev.openfeature.sdk.Value;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Our OpenFeature provider: flag definitions live in Firestore ({@link FlagStore}), so an admin's
 * change through the API is the one source every instance reads — no file to ship to each Cloud
 * Function, and no flagd sidecar, which Cloud Functions cannot run. Each instance keeps the whole
 * (small) collection in memory and re-reads it when its copy is older than {@code refresh}, on the
 * next evaluation; a long-running process (the realtime service) also calls {@link #refreshNow()}
 * on a timer. So a change is seen everywhere within {@code refresh} (FLAGS_REFRESH_SECONDS, default
 * 5 s) and at once by the instance that made it. Each re-read that finds different rules emits
 * OpenFeature's PROVIDER_CONFIGURATION_CHANGED with the keys.
 *
 * <p>Firestore unreachable: the last copy keeps answering (an empty one answers every flag's
 * default, off), and the read is retried after the next interval, not on every evaluation.
 */
public final class FirestoreFlagProvider extends EventProvider {
  private static final Log LOG = Log.get(FirestoreFlagProvider.class);
  public static final String NAME = "utalk-firestore-flags";

  private final FlagStore store;
  private final Duration refresh;
  private volatile Map<String, FlagDefinition> flags = Map.of();

  /** System.nanoTime() of the last read attempt; Long.MIN_VALUE: read on the next evaluation. */
  private volatile long readAtNanos = Long.MIN_VALUE;

  private volatile boolean seeded;
  private final ReentrantLock reading = new ReentrantLock();

  public FirestoreFlagProvider(FlagStore store, Duration refresh) {
    this.store = store;
    this.refresh = refresh;
  }

  @Override
  public Metadata getMetadata() {
    return () -> NAME;
  }

  /**
   * Seeds the document's flags when missing and reads them all; an outage here is retried later,
   * not fatal.
   */
  @Override
  public void initialize(EvaluationContext evaluationContext) {
    refreshNow();
  }

  /** The keys of every defined flag, as last read. */
  public Set<String> keys() {
    refreshIfStale();
    return flags.keySet();
  }

  /** Makes the next evaluation read Firestore (this instance just changed a flag). */
  public void invalidate() {
    readAtNanos = Long.MIN_VALUE;
  }

  /**
   * One evaluation re-reads a stale copy; the others meanwhile answer from the copy they have,
   * without waiting.
   */
  private void refreshIfStale() {
    long read = readAtNanos;
    if ((read == Long.MIN_VALUE || System.nanoTime() - read >= refresh.toNanos())
        && reading.tryLock()) {
      try {
        read();
      } finally {
        reading.unlock();
      }
    }
  }

  /** Reads every flag now; emits the changed keys when the rules differ from the last read. */
  public void refreshNow() {
    reading.lock();
    try {
      read();
    } finally {
      reading.unlock();
    }
  }

  private void read() {
    readAtNanos = System.nanoTime();
    try {
      if (!seeded) {
        store.seed(SeedFlags.all());
        seeded = true;
      }
      Map<String, FlagDefinition> fresh = store.all();
      List<String> changed = changedKeys(flags, fresh);
      boolean first = flags.isEmpty();
      flags = Map.copyOf(fresh);
      if (!changed.isEmpty() && !first) {
        LOG.info("feature flags changed", "flags", String.join(",", changed));
        emitProviderConfigurationChanged(
            ProviderEventDetails.builder().flagsChanged(changed).message("flags changed").build());
      }
    } catch (StorageUnavailableException e) {
      LOG.warn("could not read the feature flags; keeping the last ones", "cause", e.getMessage());
    } catch (RuntimeException e) {
      // a refused read (permissions, a malformed document) must not take the service down with it
      LOG.error("feature flags unreadable; keeping the last ones", e);
    }
  }

  static List<String> changedKeys(
      Map<String, FlagDefinition> before, Map<String, FlagDefinition> after) {
    Set<String> keys = new HashSet<>(before.keySet());
    keys.addAll(after.keySet());
    List<String> changed = new ArrayList<>();
    for (String key : keys) {
      FlagDefinition old = before.get(key);
      FlagDefinition now = after.get(key);
      if (old == null || now == null || !old.sameRules(now)) {
        changed.add(key);
      }
    }
    changed.sort(String::compareTo);
    return changed;
  }

  @Override
  public ProviderEvaluation<Boolean> getBooleanEvaluation(
      String key, Boolean defaultValue, EvaluationContext context) {
    refreshIfStale();
    FlagDefinition flag = flags.get(key);
    if (flag == null) {
      return ProviderEvaluation.<Boolean>builder()
          .value(defaultValue)
          .reason(dev.openfeature.sdk.Reason.ERROR.name())
          .errorCode(ErrorCode.FLAG_NOT_FOUND)
          .errorMessage("no flag " + key)
          .build();
    }
    FlagRules.Decision decision = FlagRules.decide(flag, FlagContexts.target(context));
    return ProviderEvaluation.<Boolean>builder()
        .value(decision.on())
        .variant(decision.on() ? "on" : "off")
        .reason(decision.reason().name())
        .build();
  }

  @Override
  public ProviderEvaluation<String> getStringEvaluation(
      String key, String defaultValue, EvaluationContext context) {
    return mismatch(defaultValue);
  }

  @Override
  public ProviderEvaluation<Integer> getIntegerEvaluation(
      String key, Integer defaultValue, EvaluationContext context) {
    return mismatch(defaultValue);
  }

  @Override
  public ProviderEvaluation<Double> getDoubleEvaluation(
      String key, Double defaultValue, EvaluationContext context) {
    return mismatch(defaultValue);
  }

  @Override
  public ProviderEvaluation<Value> getObjectEvaluation(
      String key, Value defaultValue, EvaluationContext context) {
    return mismatch(defaultValue);
  }

  /** Every flag of ours is on/off. */
  private static <T> ProviderEvaluation<T> mismatch(T defaultValue) {
    return ProviderEvaluation.<T>builder()
        .value(defaultValue)
        .reason(dev.openfeature.sdk.Reason.ERROR.name())
        .errorCode(ErrorCode.TYPE_MISMATCH)
        .errorMessage("flags are boolean")
        .build();
  }
}
