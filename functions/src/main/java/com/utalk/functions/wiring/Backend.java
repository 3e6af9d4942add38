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
import com.utalk.wiring.Lazy;
import com.utalk.workspace.WorkspaceDirectory;
import java.time.Clock;

/**
 * The clients one function instance shares across invocations (created once, on the first request,
 * so that cold start pays only for what the function uses).
 */
public final class Backend {
  private final Settings settings;
  private final Clock clock;
  private final GcpProject project;
  private final Lazy<Firestore> firestore;
  private final Lazy<PubSubEventPublisher> publisher;
  private final Lazy<WorkspaceDirectory> workspaces;
  private final Lazy<EventOutbox> outbox;
  private final Lazy<MaintenanceMode> maintenance;
  private final Lazy<FeatureFlags> flags;

  public Backend(Settings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.project = GcpProject.from(settings);
    this.firestore = Lazy.of(() -> FirestoreProvider.create(project));
    this.publisher = Lazy.of(() -> new PubSubEventPublisher(new PubSubTransport(project)));
    this.workspaces = Lazy.of(() -> new WorkspaceDirectory(firestore(), clock));
    this.outbox = Lazy.of(() -> new EventOutbox(firestore(), publisher(), clock));
    // cached per instance: the webhooks and the API refuse with 503 while it is on
    this.maintenance =
        Lazy.of(() -> new MaintenanceMode(firestore(), clock, MaintenanceMode.DEFAULT_CACHE));
    // OpenFeature over Firestore, read on first use and refreshed every FLAGS_REFRESH_SECONDS
    this.flags = Lazy.of(() -> new FeatureFlags(firestore(), settings));
    LogSetup.install(settings);
    // Metrics start with the instance, so that a local METRICS_PORT answers before the first
    // request.
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

  public Firestore firestore() {
    return firestore.get();
  }

  public PubSubEventPublisher publisher() {
    return publisher.get();
  }

  public WorkspaceDirectory workspaces() {
    return workspaces.get();
  }

  /**
   * The maintenance flag, cached per instance: the webhooks and the API refuse with 503 while it is
   * on.
   */
  public MaintenanceMode maintenance() {
    return maintenance.get();
  }

  /**
   * Feature flags (OpenFeature over Firestore), read on first use and refreshed every
   * FLAGS_REFRESH_SECONDS.
   */
  public FeatureFlags flags() {
    return flags.get();
  }

  public EventOutbox outbox() {
    return outbox.get();
  }
}
