package com.utalk.emulators.stack;

import com.utalk.config.Settings;
import com.utalk.testing.ChildJvm;
import com.utalk.testing.Emulators;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A checkout and run folder of a test's own (nothing built in it, nothing of a developer's stack),
 * the ports of its stack (free, nothing listening unless the test starts it) and the processes the
 * test started to stand for the stack's parts, all stopped at the end.
 */
final class TestStackFolder implements AutoCloseable {
  final Path repoRoot;
  final Path runDir;
  final Map<String, String> settings = new LinkedHashMap<>();
  private final List<Process> processes = new ArrayList<>();

  TestStackFolder() throws IOException {
    repoRoot = Files.createTempDirectory("utalk-dev-cli");
    runDir = repoRoot.resolve("emulators").resolve(".run");
    settings.put("UTALK_REPO_ROOT", repoRoot.toString());
    settings.put("UTALK_GATEWAY_PORT", Integer.toString(Emulators.freeStackPort()));
    settings.put("UTALK_REALTIME_PORT", Integer.toString(Emulators.freeStackPort()));
    settings.put("UTALK_TWILIO_STANDIN_PORT", Integer.toString(Emulators.freeStackPort()));
    settings.put("UTALK_FIRESTORE_PORT", Integer.toString(Emulators.freeStackPort()));
    settings.put("UTALK_PUBSUB_PORT", Integer.toString(Emulators.freeStackPort()));
    settings.put(
        "UTALK_FIRST_FUNCTION_PORT", Integer.toString(Emulators.freeFunctionPortRange(40)));
  }

  TestStackFolder with(String key, String value) {
    settings.put(key, value);
    return this;
  }

  StackConfig config() {
    return StackConfig.from(Settings.of(settings));
  }

  DevCliRun dev(String... args) {
    return DevCliRun.of(settings, args);
  }

  /**
   * {@code emulators/dev args…} as the script runs it: a JVM of its own (with the coverage agent)
   * whose environment holds this stack's variables. For what must not run in the test's JVM: a
   * launcher that exits, a command that sets JVM-wide properties.
   */
  DevCliRun devInItsOwnJvm(String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
    command.addAll(ChildJvm.coverageAgent());
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), DevCli.class.getName()));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(repoRoot, "out", ".txt");
    Path err = Files.createTempFile(repoRoot, "err", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().putAll(settings);
    Process process = builder.start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("emulators/dev " + String.join(" ", args) + " did not finish");
    }
    return new DevCliRun(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  /** A long-running process standing for one of the stack's (a JVM, an emulator). */
  ProcessHandle sleeper() throws IOException {
    return started(new ProcessBuilder("sleep", "120"));
  }

  /** A process with a child of its own, as gcloud runs the emulator's JVM below it. */
  ProcessHandle parentOfSleeper() throws Exception {
    ProcessHandle parent = started(new ProcessBuilder("sh", "-c", "sleep 120 & wait"));
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (parent.children().findAny().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    return parent;
  }

  /** The pid of a process that has exited (what a state file of a killed stack still names). */
  ProcessHandle exited() throws Exception {
    Process process = new ProcessBuilder("true").start();
    process.waitFor(5, TimeUnit.SECONDS);
    return process.toHandle();
  }

  private ProcessHandle started(ProcessBuilder builder) throws IOException {
    Process process = builder.redirectErrorStream(true).start();
    processes.add(process);
    return process.toHandle();
  }

  /** A part of the stack as the launcher records it: a child process of ours (pid and start). */
  static StackState.Part child(String name, String kind, String address, ProcessHandle process) {
    return new StackState.Part(
        name, kind, address, process.pid(), ProcessTree.startInstant(process), null, true, false);
  }

  /** A part living inside the launcher (no pid of its own). */
  static StackState.Part inLauncher(String name, String address) {
    return new StackState.Part(name, "in-process", address, null, null, null, true, false);
  }

  /** What the launcher writes: this stack's state, with {@code launcher} as the launcher. */
  void writeState(
      ProcessHandle launcher, String phase, String failure, List<StackState.Part> parts) {
    new StackState(
            "test-launch",
            launcher.pid(),
            ProcessTree.startInstant(launcher),
            phase,
            failure,
            parts)
        .write(config());
  }

  @Override
  public void close() throws Exception {
    for (Process process : processes) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
    try (var files = Files.walk(repoRoot)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }
}
