package com.utalk.realtime;

import com.google.cloud.firestore.Firestore;
import com.utalk.auth.AuthModule;
import com.utalk.config.Settings;
import com.utalk.conversations.AgentMessages;
import com.utalk.conversations.ConversationQueries;
import com.utalk.events.EventOutbox;
import com.utalk.events.PubSubEventPublisher;
import com.utalk.flags.FeatureFlags;
import com.utalk.gcp.FirestoreProvider;
import com.utalk.gcp.GcpProject;
import com.utalk.gcp.PubSubTransport;
import com.utalk.json.Json;
import com.utalk.logging.Log;
import com.utalk.logging.LogSetup;
import com.utalk.maintenance.MaintenanceMode;
import com.utalk.messaging.OutboundMessageService;
import com.utalk.metrics.Metrics;
import com.utalk.realtime.auth.TokenAuthenticator;
import com.utalk.realtime.delivery.EventFanout;
import com.utalk.realtime.delivery.EventLog;
import com.utalk.realtime.delivery.RoomNames;
import com.utalk.realtime.flags.FlagsNotifier;
import com.utalk.realtime.health.SocketHealthRoute;
import com.utalk.realtime.maintenance.MaintenanceNotifier;
import com.utalk.realtime.metrics.MetricsRoute;
import com.utalk.realtime.session.AgentHandlers;
import com.utalk.realtime.session.Connections;
import com.utalk.realtime.session.DisabledUserSockets;
import com.utalk.realtime.session.SessionExpiry;
import com.utalk.realtime.session.SocketCall;
import com.utalk.realtime.socketio.HttpRoute;
import com.utalk.realtime.socketio.SocketServer;
import com.utalk.realtime.socketio.SocketServerConfig;
import com.utalk.realtime.subscription.InstanceSubscription;
import com.utalk.realtime.subscription.PullMode;
import com.utalk.versions.VersionPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The realtime service of one Cloud Run instance: the Socket.IO server, its agent handlers, and
 * this instance's Pub/Sub subscription feeding the fan-out. {@link #start} subscribes before it
 * listens, so a client never connects to an instance that is not receiving events yet.
 */
public final class RealtimeServer implements AutoCloseable {
  private static final Log LOG = Log.get(RealtimeServer.class);

  private final RealtimeSettings settings;
  private final Firestore firestore;
  private final MaintenanceNotifier maintenance;
  private final FlagsNotifier flags;
  private final DisabledUserSockets disabledUsers;
  private final PubSubTransport pubsub;
  private final PubSubEventPublisher publisher;
  private final ThreadPoolExecutor work;

  /** Fires each socket's disconnect at its token's expiry. */
  private final ScheduledExecutorService timers;

  private final SocketServer server;
  private final InstanceSubscription subscription;
  private volatile boolean draining;
  private boolean closed;

  private RealtimeServer(Settings all, Clock clock) {
    this.settings = RealtimeSettings.from(all);
    LogSetup.install(all);
    Metrics metrics = Metrics.get();
    metrics.sockets().reportFromStart();
    GcpProject project = GcpProject.from(all);
    firestore = FirestoreProvider.create(project);
    pubsub = new PubSubTransport(project);
    publisher = new PubSubEventPublisher(pubsub);
    AuthModule auth = new AuthModule(all, firestore, clock);
    AgentMessages messages =
        new AgentMessages(
            new OutboundMessageService(
                firestore, new EventOutbox(firestore, publisher, clock), publisher, clock),
            auth.policy());

    work = blockingWorkPool(settings.workThreads());
    timers = SessionExpiry.timers();
    SocketServerConfig config =
        SocketServerConfig.builder()
            .host("0.0.0.0")
            .port(settings.port())
            .allowedOrigins(settings.allowedOrigins())
            .objectMapper(Json.mapper())
            .build();
    server =
        SocketServer.create(
            config,
            new TokenAuthenticator(
                auth.verifier(), metrics.sockets(), work, new VersionPolicy(clock)));
    Connections connections = new Connections();
    EventFanout fanout = new EventFanout(server, connections, new EventLog(firestore), clock);
    SessionExpiry expiry = new SessionExpiry(timers, metrics.sockets(), clock);
    AgentHandlers handlers =
        new AgentHandlers(
            server,
            connections,
            new ConversationQueries(firestore, auth.policy()),
            messages,
            auth.policy(),
            fanout,
            new SocketCall(metrics.sockets(), work, expiry),
            expiry,
            settings.eventBudget(),
            clock);
    server.onConnection(
        socket -> {
          metrics.sockets().connectionAttempt("ok");
          handlers.connected(socket);
        });
    server.onDisconnect((socket, reason) -> metrics.sockets().disconnected());
    maintenance =
        new MaintenanceNotifier(
            new MaintenanceMode(firestore, clock, Duration.ZERO),
            payload -> server.to(RoomNames.EVERYONE).emit(MaintenanceNotifier.EVENT, payload),
            MaintenanceMode.DEFAULT_CACHE);
    server.onConnection(
        socket -> {
          Map<String, Object> now = maintenance.current();
          if (now != null) {
            socket.emit(MaintenanceNotifier.EVENT, now);
          }
        });
    flags =
        new FlagsNotifier(
            new FeatureFlags(firestore, all),
            payload -> server.to(RoomNames.EVERYONE).emit(FlagsNotifier.EVENT, payload));
    disabledUsers =
        new DisabledUserSockets(auth.disabledUsers(), connections, MaintenanceMode.DEFAULT_CACHE);
    subscription =
        new InstanceSubscription(
            pubsub,
            settings.instanceId(),
            PullMode.from(all, project.usesPubSubEmulator()),
            fanout::accept);
    server.route(
        "/health/socket",
        new SocketHealthRoute(server, subscription, fanout, settings.instanceId(), () -> draining));
    server.route(
        "/health",
        request ->
            HttpRoute.Response.json(
                draining ? 503 : 200,
                Json.writeBytes(Map.of("status", draining ? "draining" : "ok"))));
    server.route("/metrics", new MetricsRoute(metrics));
  }

  /** Subscribes, then listens on {@code PORT}. */
  public static RealtimeServer start(Settings settings, Clock clock) {
    RealtimeServer realtime = new RealtimeServer(settings, clock);
    try {
      realtime.subscription.start();
      realtime.server.start();
    } catch (RuntimeException e) {
      realtime.close();
      throw e;
    }
    LOG.info(
        "realtime service ready",
        "port",
        realtime.port(),
        "instanceId",
        realtime.settings.instanceId(),
        "subscription",
        realtime.subscription.name());
    return realtime;
  }

  public int port() {
    return server.port();
  }

  public String instanceId() {
    return settings.instanceId();
  }

  public String subscriptionName() {
    return subscription.name();
  }

  /**
   * Graceful stop (Cloud Run's SIGTERM): stop accepting, tell every client to reconnect (to another
   * instance), wait up to the drain time for them to go, then delete this instance's subscription.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    draining = true;
    LOG.info(
        "realtime service draining",
        "connections",
        server.connectionCount(),
        "drainSeconds",
        settings.drain().toSeconds());
    server.close(settings.drain());
    maintenance.close();
    disabledUsers.close();
    subscription.close();
    // after the subscription: OpenFeature's shutdown waits for its event threads, which must not
    // delay the deletion
    flags.close();
    work.shutdown();
    timers.shutdownNow();
    try {
      work.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    publisher.close();
    pubsub.close();
    try {
      firestore.close();
    } catch (Exception e) {
      LOG.warn("firestore client did not close cleanly", "error", e.toString());
    }
    LOG.info("realtime service stopped", "instanceId", settings.instanceId());
  }

  /**
   * Firestore and Pub/Sub calls of socket events (and token checks that may fetch keys). Bounded:
   * when it is full an event is refused with "unavailable" rather than queued without limit.
   */
  private static ThreadPoolExecutor blockingWorkPool(int threads) {
    AtomicInteger counter = new AtomicInteger();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            60,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(10_000),
            task -> {
              Thread thread = new Thread(task, "socket-work-" + counter.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }
}
