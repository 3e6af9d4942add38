package com.utalk.emulators.stack;

import com.utalk.config.Settings;
import com.utalk.logging.LogSetup;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * {@code up}: in the foreground the launcher JVM is the stack (Ctrl-C stops it all). With {@code
 * --detach} it starts a copy of itself with {@code --supervise} in its own session, logging to
 * {@code .run/stack.log}, and waits for that copy's state file to say ready or failed.
 */
final class UpCommand {
  static final String SUPERVISE = "--supervise";

  /** Passed to the detached launcher, which writes it into the state file we wait on. */
  private static final String LAUNCH_ID = "UTALK_LAUNCH_ID";

  private UpCommand() {}

  static int run(StackConfig config, Settings settings, List<String> args) {
    boolean detach = args.contains("--detach");
    boolean supervised = args.contains(SUPERVISE);
    if (!supervised) {
      Optional<Integer> already = checkNotRunning(config, detach);
      if (already.isPresent()) {
        return already.get();
      }
    }
    return detach && !supervised ? detach(config) : supervise(config, settings);
  }

  /**
   * Empty when we may start; else the exit status to return (0: an idempotent detach found it up).
   */
  private static Optional<Integer> checkNotRunning(StackConfig config, boolean detach) {
    Optional<StackState> previous = StackState.read(config);
    if (previous.isEmpty()) {
      return Optional.empty();
    }
    StackState state = previous.get();
    if (ProcessTree.find(state.supervisorPid(), state.supervisorStartedAt()).isPresent()) {
      if (detach && StackState.READY.equals(state.phase())) {
        System.out.println(
            "the local stack is already up (launcher pid " + state.supervisorPid() + ")");
        Banner.print(config, state, System.out);
        return Optional.of(0);
      }
      System.err.println(
          "a local stack is already "
              + state.phase()
              + " (launcher pid "
              + state.supervisorPid()
              + "); stop it with: emulators/dev down");
      return Optional.of(1);
    }
    // The launcher died without cleaning up (killed -9, machine asleep…): stop what it left behind.
    int leftovers = DownCommand.stopParts(state);
    if (leftovers > 0) {
      System.err.println("stopped " + leftovers + " process(es) left over from an earlier run");
    }
    StackState.delete(config);
    return Optional.empty();
  }

  private static int supervise(StackConfig config, Settings settings) {
    ReadableLog console = ReadableLog.forConsole();
    LogSetup.install(
        settings.with(Map.of("SERVICE_NAME", "local-stack")), console.asOutputStream("stack"));
    JdkLogLevels.quiet();
    StackSupervisor supervisor =
        new StackSupervisor(config, console, settings.get(LAUNCH_ID, UUID.randomUUID().toString()));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  supervisor.stop();
                  stopped.countDown();
                },
                "stack-shutdown"));
    try {
      supervisor.start();
    } catch (RuntimeException | LinkageError e) {
      String message = e instanceof StartupFailure ? e.getMessage() : "unexpected error: " + e;
      console.note("FAILED TO START: " + message);
      supervisor.fail(message);
      return 1; // System.exit runs the shutdown hook, which stops what did start
    }
    Banner.print(config, supervisor.state(), System.out);
    console.note("the local stack is up; Ctrl-C (or emulators/dev down) stops it");
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  private static int detach(StackConfig config) {
    Path log = config.runDir().resolve("stack.log");
    String launchId = UUID.randomUUID().toString();
    Process child;
    try {
      Files.createDirectories(config.runDir());
      ProcessBuilder builder =
          new ProcessBuilder(superviseCommand())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      builder.environment().put(LAUNCH_ID, launchId);
      child = builder.start();
    } catch (IOException e) {
      System.err.println("could not start the stack launcher: " + e.getMessage());
      return 1;
    }
    System.out.println(
        "starting the local stack in the background (log: "
            + config.repoRoot().relativize(log)
            + ")");
    // The launcher enforces the start timeout itself and names the failing part; the margin
    // covers its own JVM start and clean-up.
    long started = System.nanoTime();
    long deadline = started + config.startTimeout().plusSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      // Liveness before state: a launcher that failed wrote its state before exiting.
      boolean childAlive = child.isAlive();
      Optional<StackState> state =
          StackState.read(config).filter(s -> launchId.equals(s.launchId()));
      if (state.isPresent() && StackState.READY.equals(state.get().phase())) {
        Banner.print(config, state.get(), System.out);
        return 0;
      }
      if (state.isPresent() && StackState.FAILED.equals(state.get().phase())) {
        System.err.println("the local stack failed to start: " + state.get().failure());
        ProcessTree.find(state.get().supervisorPid(), state.get().supervisorStartedAt())
            .ifPresent(launcher -> awaitExit(launcher, Duration.ofSeconds(30)));
        return 1;
      }
      boolean launcherAlive =
          childAlive
              || state
                  .flatMap(s -> ProcessTree.find(s.supervisorPid(), s.supervisorStartedAt()))
                  .isPresent();
      // (setsid may fork, leaving `child` short-lived: give the real launcher time to write its
      // state.)
      if (!launcherAlive
          && (state.isPresent()
              || System.nanoTime() - started > Duration.ofSeconds(10).toNanos())) {
        System.err.println(
            "the stack launcher exited before the stack was ready; last lines of " + log + ":");
        System.err.println(tail(log, 30));
        return 1;
      }
      sleep(250);
    }
    String notReady =
        StackState.read(config)
            .map(
                s ->
                    s.parts().stream()
                        .filter(p -> !p.ready())
                        .map(StackState.Part::name)
                        .collect(Collectors.joining(", ")))
            .orElse("the launcher itself");
    System.err.println(
        "the local stack was not ready within "
            + config.startTimeout().toSeconds()
            + " s; not ready: "
            + notReady);
    DownCommand.run(config);
    return 1;
  }

  /**
   * This same JVM (binary, options, classpath) running {@code up --supervise}, in a new session via
   * setsid when available so that closing the terminal or a Ctrl-C there does not reach it.
   */
  private static List<String> superviseCommand() {
    List<String> command = new ArrayList<>();
    if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
      command.add("/usr/bin/setsid");
    }
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(DevCli.class.getName());
    command.add("up");
    command.add(SUPERVISE);
    return command;
  }

  private static void awaitExit(ProcessHandle process, Duration timeout) {
    try {
      process.onExit().get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      // still stopping; `emulators/dev down` finishes the job
    }
  }

  static String tail(Path file, int lines) {
    try {
      List<String> all = Files.readAllLines(file);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
