package com.utalk.functions.wiring;

import com.google.cloud.firestore.Firestore;
import com.utalk.config.Settings;
import com.utalk.events.EventOutbox;
import com.utalk.events.PubSubEventPublisher;
import com.utalk.flags.FeatureFlags;
import com.utalk.gcp.FirestoreProvider;
import com.utalk.gcp.GcpProject;
import com.utalk.gcp.PubSubTransport;
import com.utalk.logging.LogSetup;
import com.utalk.maintenance.MaintenanceMode;
import com.utalk.metrics.Metrics;
import com.utalk.workspace.WorkspaceDirectory;
import java.time.Clock;

/**
 * The clients one function instance shares across invocations (created once, on the first
 * request, so that cold start pays only for what the function uses).
 */
public final class Backend {
  private final Settings settings;
  private final Clock clock;
  private final GcpProject project;
  private volatile Firestore firestore;
  private volatile PubSubTransport pubsub;
  private volatile PubSubEventPublisher publisher;
  private volatile WorkspaceDirectory workspaces;
  private volatile EventOutbox outbox;
  private volatile MaintenanceMode maintenance;
  private volatile FeatureFlags flags;

  public Backend(Settings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.project = GcpProject.from(settings);
    LogSetup.install(settings);
    // Metrics start with the instance, so that a local METRICS_PORT answers before the first request.
    Metrics.get();
  }

  public static Backend fromEnvironment() {
    return new Backend(Settings.fromEnvironment(), Clock.systemUTC());
  }

  public Settings settings() {
    return settings;
  }

  public Clock clock() {
    return clock;
  }

  public synchronized Firestore firestore() {
    if (firestore == null) {
      firestore = FirestoreProvider.create(project);
    }
    return firestore;
  }

  public synchronized PubSubEventPublisher publisher() {
    if (publisher == null) {
      pubsub = new PubSubTransport(project);
      publisher = new PubSubEventPublisher(pubsub);
    }
    return publisher;
  }

  public synchronized WorkspaceDirectory workspaces() {
    if (workspaces == null) {
      workspaces = new WorkspaceDirectory(firestore(), clock);
    }
    return workspaces;
  }

  /** The maintenance flag, cached per instance: the webhooks and the API refuse with 503 while it is on. */
  public synchronized MaintenanceMode maintenance() {
    if (maintenance == null) {
      maintenance = new MaintenanceMode(firestore(), clock, MaintenanceMode.DEFAULT_CACHE);
    }
    return maintenance;
  }

  /** Feature flags (OpenFeature over Firestore), read on first use and refreshed every FLAGS_REFRESH_SECONDS. */
  public synchronized FeatureFlags flags() {
    if (flags == null) {
      flags = new FeatureFlags(firestore(), settings);
    }
    return flags;
  }

  public synchronized EventOutbox outbox() {
    if (outbox == null) {
      outbox = new EventOutbox(firestore(), publisher(), clock);
    }
    return outbox;
  }
}
