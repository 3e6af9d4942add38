package com.utalk.emulators.stack;

import com.google.api.gax.rpc.AlreadyExistsException;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.pubsub.v1.TopicName;
import com.utalk.emulators.bridge.BridgeRoute;
import com.utalk.emulators.bridge.PubSubBridge;
import com.utalk.emulators.firestoretrigger.FirestoreTriggerBridge;
import com.utalk.emulators.gateway.Gateway;
import com.utalk.emulators.gateway.RouteTable;
import com.utalk.emulators.seed.DemoSeed;
import com.utalk.emulators.twilio.TwilioStandIn;
import com.utalk.errors.StorageUnavailableException;
import com.utalk.gcp.FirestoreProvider;
import com.utalk.gcp.PubSubTransport;
import com.utalk.metrics.MergedMetricsHandler;
import com.utalk.metrics.Metrics;
import com.utalk.platform.FunctionCatalog;
import com.utalk.platform.FunctionSpec;
import com.utalk.platform.Topics;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Runs the whole local stack: the two Google emulators (reused when already running), topics, the
 * demo seed, the Twilio stand-in, one JVM per service, the gateway and the Pub/Sub bridge. The
 * stand-in, gateway and bridge live in this JVM; everything else is a child process recorded in
 * {@link StackState} so that another JVM ({@code emulators/dev down}) can stop exactly those.
 */
final class StackSupervisor {
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);
  static final Duration MIN_UPTIME_BEFORE_RESTART = Duration.ofSeconds(10);

  private final StackConfig config;
  private final ReadableLog console;
  private final List<ManagedProcess> emulators = new ArrayList<>();
  private final List<ManagedProcess> services = new ArrayList<>();
  private StackState state;
  private PubSubTransport transport;
  private TwilioStandIn standIn;
  private Gateway gateway;
  private PubSubBridge bridge;
  private Firestore triggerFirestore;
  private FirestoreTriggerBridge firestoreTriggers;
  private volatile boolean stopping;

  StackSupervisor(StackConfig config, ReadableLog console, String launchId) {
    this.config = config;
    this.console = console;
    ProcessHandle self = ProcessHandle.current();
    this.state =
        new StackState(
            launchId,
            self.pid(),
            ProcessTree.startInstant(self),
            StackState.STARTING,
            null,
            List.of());
  }

  /** Starts everything, or throws a {@link StartupFailure} naming the part that did not come up. */
  void start() {
    long deadline = System.nanoTime() + config.startTimeout().toNanos();
    save(state);
    List<ServiceSpec> specs = LocalServices.all(config);
    checkBuilt(specs);
    checkPortsFree(specs);

    startEmulator(
        "firestore-emulator",
        config.firestorePort(),
        List.of(
            "gcloud",
            "emulators",
            "firestore",
            "start",
            "--host-port=" + config.firestoreHost(),
            "--quiet"));
    startEmulator(
        "pubsub-emulator",
        config.pubsubPort(),
        List.of(
            "gcloud",
            "beta",
            "emulators",
            "pubsub",
            "start",
            "--host-port=" + config.pubsubHost(),
            "--quiet",
            "--data-dir=" + directory(config.runDir().resolve("pubsub-data"))));
    awaitEmulators(deadline);

    // Topics first: the realtime service creates its subscription to conversation-events as soon as
    // its JVM is up, which on a warm machine can beat anything written after the launch.
    transport = new PubSubTransport(config.gcpProject());
    createTopics();

    // The JVMs take seconds to start: let them do so while the seed is written
    // (nothing reaches them before the gateway and the bridge exist).
    ClasspathSnapshot snapshot =
        new ClasspathSnapshot(
            config.snapshotDir().resolve("services"),
            config.repoRoot(),
            LocalReleases.of(config).dir());
    String serving = LocalReleases.of(config).manifest().current();
    console.note(
        serving == null
            ? "services start from the build on disk (no release deployed in "
                + LocalReleases.of(config).dir()
                + ")"
            : "services start from release "
                + serving
                + " ("
                + LocalReleases.of(config).dir(serving)
                + "; runbooks/ops release rollback goes back,"
                + " deleting "
                + LocalReleases.of(config).dir()
                + " serves the build on disk)");
    for (ServiceSpec spec : specs) {
      ManagedProcess process = launch(services, spec, snapshot, false);
      watchForCrash(process, spec, snapshot);
      recordParts(spec, process);
    }

    seed(deadline);

    standIn =
        TwilioStandIn.start(
            new TwilioStandIn.Options(
                config.host(), config.twilioPort(), config.twilio(), true, Duration.ofMillis(300)));
    // the demo number's webhook, as it is configured at Twilio for a deployed environment
    standIn.configureSender(
        config.whatsappNumber(),
        com.utalk.emulators.twilio.InboundWebhook.publicUrl(config.publicBaseUrl()));
    ready("twilio-standin", "in-process", standIn.baseUrl());

    Map<String, URI> upstreams = new LinkedHashMap<>();
    FunctionCatalog.FUNCTIONS.forEach(
        function -> upstreams.put(function.name(), functionUri(function)));
    gateway =
        Gateway.start(
            RouteTable.fromCatalog(FunctionCatalog.FUNCTIONS, this::functionUri),
            new Gateway.Options(
                config.host(), config.gatewayPort(), Duration.ofMinutes(2), upstreams));
    gateway.mount(
        com.utalk.media.LocalMediaStore.PATH_PREFIX,
        new com.utalk.media.LocalMediaHttpHandler(
            config.mediaStore(),
            new com.utalk.media.MediaPolicy(com.utalk.media.MediaPolicy.DEFAULT_MAX_BYTES)));
    ready("gateway", "in-process", gateway.baseUrl());

    awaitServices(specs, deadline);

    bridge =
        PubSubBridge.start(
            transport,
            BridgeRoute.fromCatalog(FunctionCatalog.FUNCTIONS, this::functionUri),
            PubSubBridge.Options.defaults());
    ready("pubsub-bridge", "in-process", "subscriptions " + BridgeRoute.SUBSCRIPTION_PREFIX + "*");

    triggerFirestore = FirestoreProvider.create(config.gcpProject());
    firestoreTriggers =
        FirestoreTriggerBridge.start(
            triggerFirestore,
            config.projectId(),
            FirestoreTriggerBridge.routesFromCatalog(upstreams),
            4,
            8);
    ready("firestore-trigger-bridge", "in-process", "listening to the Firestore emulator");

    Map<String, URI> metrics = new LinkedHashMap<>();
    FunctionCatalog.FUNCTIONS.forEach(
        function ->
            metrics.put(
                function.name(), URI.create(url(config.metricsPort(function)) + "/metrics")));
    gateway.mount("/metrics", new MergedMetricsHandler("gateway", Metrics.get(), metrics));

    save(state.withPhase(StackState.READY, null));
  }

  StackState state() {
    return state;
  }

  /** Records why start-up failed, for the {@code up --detach} parent waiting on the state file. */
  synchronized void fail(String message) {
    save(state.withPhase(StackState.FAILED, message));
  }

  /** Stops what this supervisor started (never a reused emulator); safe to call twice. */
  synchronized void stop() {
    if (stopping) {
      return;
    }
    stopping = true;
    console.note("stopping the local stack");
    // Stopping may race a start-up still in progress on the main thread: it checks `stopping`.
    closeQuietly(() -> firestoreTriggers);
    closeQuietly(() -> triggerFirestore);
    closeQuietly(() -> bridge);
    closeQuietly(() -> gateway);
    closeQuietly(() -> standIn);
    stopAll(services);
    stopAll(emulators);
    closeQuietly(() -> transport);
    if (StackState.FAILED.equals(state.phase())) {
      save(state.withoutParts());
    } else {
      StackState.delete(config);
    }
    console.note("stopped");
  }

  /**
   * Starts a child unless a stop began meanwhile (Ctrl-C during start-up must not leave orphans).
   */
  private synchronized ManagedProcess launch(
      List<ManagedProcess> group, String name, List<String> command, Map<String, String> env) {
    if (stopping) {
      throw new StartupFailure("stopped during start-up");
    }
    ManagedProcess process = ManagedProcess.start(name, command, env, logFile(name), console);
    group.add(process);
    return process;
  }

  /**
   * A service process; the log lines of each of its endpoints (a hosted function) go to that
   * endpoint's log.
   */
  private synchronized ManagedProcess launch(
      List<ManagedProcess> group, ServiceSpec spec, ClasspathSnapshot snapshot, boolean appendLog) {
    if (stopping) {
      throw new StartupFailure("stopped during start-up");
    }
    java.util.Set<String> parts =
        spec.endpoints().stream()
            .map(ServiceSpec.Endpoint::name)
            .filter(name -> !name.equals(spec.name()))
            .collect(Collectors.toSet());
    ManagedProcess process =
        ManagedProcess.start(
            spec.name(),
            spec.withSnapshot(snapshot).command(),
            spec.env(),
            logFile(spec.name()),
            console,
            parts,
            appendLog);
    group.add(process);
    return process;
  }

  private void checkBuilt(List<ServiceSpec> specs) {
    String problems =
        specs.stream()
            .filter(s -> s.problem() != null)
            .map(s -> "  " + s.name() + ": " + s.problem())
            .collect(Collectors.joining("\n"));
    if (!problems.isEmpty()) {
      throw new StartupFailure(
          "some services are not built:\n"
              + problems
              + "\n(build with: mvn -q -B install -DskipTests at the repo root)");
    }
  }

  private void checkPortsFree(List<ServiceSpec> specs) {
    Map<String, Integer> ports = new LinkedHashMap<>();
    ports.put("gateway", config.gatewayPort());
    ports.put("twilio-standin", config.twilioPort());
    specs.forEach(
        spec -> spec.endpoints().forEach(endpoint -> ports.put(endpoint.name(), endpoint.port())));
    String taken =
        ports.entrySet().stream()
            .filter(entry -> Probes.listening(config.host(), entry.getValue()))
            .map(entry -> entry.getKey() + " (port " + entry.getValue() + ")")
            .collect(Collectors.joining(", "));
    if (!taken.isEmpty()) {
      throw new StartupFailure(
          "ports already in use, needed by: "
              + taken
              + " (another stack running? try emulators/dev down)");
    }
  }

  private void startEmulator(String name, int port, List<String> command) {
    if (Probes.listening(config.host(), port)) {
      console.note(
          name
              + " already running on "
              + config.host()
              + ":"
              + port
              + ", reusing it (it will be left running)");
      save(
          state.with(
              new StackState.Part(
                  name, "emulator", config.host() + ":" + port, null, null, null, true, true)));
      return;
    }
    if (!onPath("gcloud")) {
      throw new StartupFailure(
          name
              + ": gcloud is not installed (the emulators come with google-cloud-cli and its "
              + "firestore/pubsub emulator components)");
    }
    ManagedProcess process = launch(emulators, name, command, Map.of());
    save(
        state.with(
            new StackState.Part(
                name,
                "emulator",
                config.host() + ":" + port,
                process.pid(),
                ProcessTree.startInstant(process.handle()),
                process.logFile().toString(),
                false,
                false)));
  }

  private void awaitEmulators(long deadline) {
    for (StackState.Part part : state.parts()) {
      if (part.ready()) {
        continue;
      }
      ManagedProcess process =
          emulators.stream().filter(p -> p.name().equals(part.name())).findFirst().orElseThrow();
      int port = Integer.parseInt(part.address().substring(part.address().lastIndexOf(':') + 1));
      while (!Probes.listening(config.host(), port)) {
        if (!process.isAlive()) {
          throw new StartupFailure(
              part.name()
                  + " exited with code "
                  + process.exitCode()
                  + " during start-up; "
                  + "last lines of "
                  + process.logFile()
                  + ":\n"
                  + process.tail());
        }
        if (System.nanoTime() > deadline) {
          throw new StartupFailure(
              part.name()
                  + " did not listen on "
                  + part.address()
                  + " within "
                  + config.startTimeout().toSeconds()
                  + " s");
        }
        sleep(200);
      }
      save(state.with(part.asReady()));
      console.note(part.name() + " ready on " + part.address());
    }
  }

  private void createTopics() {
    try (TopicAdminClient admin = transport.topicAdmin()) {
      for (String topic : Topics.ALL) {
        try {
          admin.createTopic(TopicName.of(config.projectId(), topic));
        } catch (AlreadyExistsException e) {
          // kept from an earlier run of a reused emulator
        }
      }
    } catch (RuntimeException e) {
      throw new StartupFailure("pubsub-emulator: creating topics failed: " + e);
    }
    console.note("topics ready: " + String.join(", ", Topics.ALL));
  }

  /**
   * Retried: a Firestore emulator that has just started can miss the client's deadline at first.
   */
  private void seed(long deadline) {
    try (Firestore firestore = FirestoreProvider.create(config.gcpProject())) {
      while (true) {
        try {
          DemoSeed.seed(firestore);
          break;
        } catch (StorageUnavailableException e) {
          if (System.nanoTime() > deadline) {
            throw new StartupFailure(
                "seed: Firestore did not accept the demo workspace within "
                    + config.startTimeout().toSeconds()
                    + " s: "
                    + e.getMessage());
          }
          console.note(
              "Firestore emulator not answering yet (" + e.getMessage() + "); retrying the seed");
          sleep(500);
        }
      }
    } catch (StartupFailure e) {
      throw e;
    } catch (Exception e) {
      throw new StartupFailure("seed: writing the demo workspace to Firestore failed: " + e);
    }
    console.note(
        "seeded workspace '" + DemoSeed.WORKSPACE_ID + "' owning " + DemoSeed.WHATSAPP_NUMBER);
  }

  private void awaitServices(List<ServiceSpec> specs, long deadline) {
    Map<ServiceSpec.Endpoint, ServiceSpec> waiting = new LinkedHashMap<>();
    specs.forEach(spec -> spec.endpoints().forEach(endpoint -> waiting.put(endpoint, spec)));
    long started = System.nanoTime();
    while (!waiting.isEmpty()) {
      for (Map.Entry<ServiceSpec.Endpoint, ServiceSpec> entry : List.copyOf(waiting.entrySet())) {
        ServiceSpec.Endpoint endpoint = entry.getKey();
        ManagedProcess process =
            services.stream()
                .filter(p -> p.name().equals(entry.getValue().name()))
                .findFirst()
                .orElseThrow();
        if (!process.isAlive()) {
          throw new StartupFailure(
              process.name()
                  + " exited with code "
                  + process.exitCode()
                  + " during start-up; "
                  + "last lines of "
                  + process.logFile()
                  + ":\n"
                  + process.tail());
        }
        boolean ready =
            endpoint.probeWithGet()
                ? Probes.answersHttp(url(endpoint.port()) + "/")
                : Probes.listening(config.host(), endpoint.port());
        if (ready) {
          waiting.remove(endpoint);
          state.parts().stream()
              .filter(p -> p.name().equals(endpoint.name()))
              .findFirst()
              .ifPresent(p -> save(state.with(p.asReady())));
          console.note(
              endpoint.name()
                  + " ready on "
                  + url(endpoint.port())
                  + " after "
                  + (System.nanoTime() - started) / 1_000_000
                  + " ms");
        }
      }
      if (!waiting.isEmpty() && System.nanoTime() > deadline) {
        throw new StartupFailure(
            "not ready within "
                + config.startTimeout().toSeconds()
                + " s: "
                + waiting.keySet().stream()
                    .map(e -> e.name() + " (port " + e.port() + ", log " + logFile(e.name()) + ")")
                    .collect(Collectors.joining(", ")));
      }
      if (!waiting.isEmpty()) {
        sleep(100);
      }
    }
  }

  private void recordParts(ServiceSpec spec, ManagedProcess process) {
    for (ServiceSpec.Endpoint endpoint : spec.endpoints()) {
      save(
          state.with(
              new StackState.Part(
                  endpoint.name(),
                  endpoint.kind(),
                  url(endpoint.port()),
                  process.pid(),
                  ProcessTree.startInstant(process.handle()),
                  logFile(endpoint.name()).toString(),
                  false,
                  false)));
    }
  }

  /**
   * Cloud Run replaces an instance that exits, and so does the stack: a service process that exits
   * after it was up is started again (the realtime runbook's fix restarts an instance this way).
   * One that exits within {@link #MIN_UPTIME_BEFORE_RESTART} of its start stays down, so a crash
   * loop is seen rather than hidden.
   */
  private void watchForCrash(ManagedProcess process, ServiceSpec spec, ClasspathSnapshot snapshot) {
    long startedAt = System.nanoTime();
    process
        .handle()
        .onExit()
        .thenAccept(
            handle -> {
              if (stopping) {
                return;
              }
              if (System.nanoTime() - startedAt < MIN_UPTIME_BEFORE_RESTART.toNanos()) {
                console.note(
                    process.name()
                        + " EXITED unexpectedly (see "
                        + process.logFile()
                        + "); not restarted: it had just started");
                return;
              }
              console.note(
                  process.name()
                      + " EXITED (see "
                      + process.logFile()
                      + "); starting it again, as Cloud Run replaces an instance");
              try {
                // what it starts from now: a release deployed or rolled back meanwhile is the one
                // that starts
                ServiceSpec now = LocalServices.named(config, spec.name());
                if (now.problem() != null) {
                  console.note(process.name() + " cannot start: " + now.problem());
                  return;
                }
                ManagedProcess fresh;
                synchronized (this) {
                  services.remove(process);
                  fresh = launch(services, now, snapshot, true);
                }
                watchForCrash(fresh, now, snapshot);
                recordParts(now, fresh);
                awaitServices(List.of(now), System.nanoTime() + config.startTimeout().toNanos());
              } catch (RuntimeException e) {
                console.note(process.name() + " could not be started again: " + e.getMessage());
              }
            });
  }

  private void ready(String name, String kind, String address) {
    save(state.with(new StackState.Part(name, kind, address, null, null, null, true, false)));
    console.note(name + " ready on " + address);
  }

  private synchronized void save(StackState newState) {
    state = newState;
    state.write(config);
  }

  private URI functionUri(FunctionSpec function) {
    return URI.create(url(config.functionPort(function)));
  }

  private String url(int port) {
    return "http://" + config.host() + ":" + port;
  }

  private Path logFile(String name) {
    return config.logDir().resolve(name + ".log");
  }

  private static void stopAll(List<ManagedProcess> processes) {
    processes.parallelStream().forEach(process -> process.stop(STOP_GRACE));
  }

  private static void closeQuietly(Supplier<? extends AutoCloseable> resource) {
    try {
      AutoCloseable closeable = resource.get();
      if (closeable != null) {
        closeable.close();
      }
    } catch (Exception e) {
      // stopping anyway
    }
  }

  private static boolean onPath(String command) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }

  private static String directory(Path dir) {
    try {
      Files.createDirectories(dir);
      return dir.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StartupFailure("interrupted during start-up");
    }
  }
}
