package com.utalk.flags;

import com.google.cloud.firestore.Firestore;
import com.utalk.config.Settings;
import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.OpenFeatureAPI;
import java.time.Duration;
import java.util.Set;

/**
 * Feature flags for one process: an isolated OpenFeature API (not the global singleton, so two
 * backends in one JVM — the local function host, the tests — keep their own) with our {@link
 * FirestoreFlagProvider}. Business code asks {@link #client()}, OpenFeature's Client.
 */
public final class FeatureFlags implements AutoCloseable {
  /**
   * FLAGS_REFRESH_SECONDS: how old an instance's copy of the flags may get; the bound on "a change
   * is seen".
   */
  public static final String REFRESH_SETTING = "FLAGS_REFRESH_SECONDS";

  public static final long DEFAULT_REFRESH_SECONDS = 5;

  private final OpenFeatureAPI api = OpenFeatureAPI.createIsolated();
  private final FirestoreFlagProvider provider;
  private final Duration refresh;

  public FeatureFlags(Firestore firestore, Settings settings) {
    this(
        firestore,
        Duration.ofSeconds(
            Math.max(1, settings.getLong(REFRESH_SETTING, DEFAULT_REFRESH_SECONDS))));
  }

  public FeatureFlags(Firestore firestore, Duration refresh) {
    this.refresh = refresh;
    this.provider = new FirestoreFlagProvider(new FlagStore(firestore), refresh);
    api.setProviderAndWait(provider);
  }

  public Client client() {
    return api.getClient();
  }

  /** The keys of every defined flag (what GET /api/flags evaluates). */
  public Set<String> keys() {
    return provider.keys();
  }

  public Duration refresh() {
    return refresh;
  }

  /**
   * Re-reads the definitions now (a timer in long-running processes; after this instance's own
   * change).
   */
  public void refreshNow() {
    provider.refreshNow();
  }

  void invalidate() {
    provider.invalidate();
  }

  @Override
  public void close() {
    api.shutdown();
  }
}
