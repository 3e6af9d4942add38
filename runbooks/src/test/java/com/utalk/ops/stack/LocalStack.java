package com.utalk.ops.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.utalk.config.Settings;
import com.utalk.json.Json;
import com.utalk.ops.cli.Commands;
import com.utalk.ops.cli.OpsMain;
import com.utalk.testing.ChildJvm;
import com.utalk.testing.Emulators;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
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
 * The local stack exactly as {@code emulators/dev up} runs it (its own emulators, every function,
 * the realtime service, the stand-ins), on free ports and in a run folder of its own, and the
 * operator CLI pointed at it as {@code runbooks/ops} would be.
 */
final class LocalStack implements AutoCloseable {
  private static final Duration START_BOUND = Duration.ofSeconds(180);

  final Path runDir;
  final Map<String, String> env = new LinkedHashMap<>();
  private final Process launcher;

  record Ops(int exitCode, String out, String err) {
    String verdict() {
      return out.lines().findFirst().orElse("");
    }
  }

  LocalStack() throws Exception {
    runDir = Files.createTempDirectory("utalk-ops-stack");
    env.put("UTALK_REPO_ROOT", Path.of("..").toAbsolutePath().normalize().toString());
    env.put("UTALK_RUN_DIR", runDir.toString());
    env.put("UTALK_GATEWAY_PORT", Integer.toString(Emulators.freeStackPort()));
    env.put("UTALK_REALTIME_PORT", Integer.toString(Emulators.freeStackPort()));
    env.put("UTALK_TWILIO_STANDIN_PORT", Integer.toString(Emulators.freeStackPort()));
    env.put("UTALK_FIRESTORE_PORT", Integer.toString(Emulators.freeStackPort()));
    env.put("UTALK_PUBSUB_PORT", Integer.toString(Emulators.freeStackPort()));
    env.put("UTALK_FIRST_FUNCTION_PORT", Integer.toString(Emulators.freeFunctionPortRange(40)));
    env.put("UTALK_START_TIMEOUT_SECONDS", Long.toString(START_BOUND.toSeconds()));
    // the launcher, its supervisor (which reuses the launcher's JVM options) and every service
    // carry the coverage agent
    env.put("UTALK_EXTRA_JVM_OPTS", ChildJvm.coverageAgentOption());
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-XX:+UseSerialGC"));
    command.addAll(ChildJvm.coverageAgent());
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            "com.utalk.emulators.stack.DevCli",
            "up"));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(runDir.resolve("launcher.log").toFile());
    builder
        .environment()
        .keySet()
        .removeIf(key -> key.endsWith("_EMULATOR_HOST") || key.equals("GOOGLE_CLOUD_PROJECT"));
    builder.environment().putAll(env);
    launcher = builder.start();
    long deadline = System.nanoTime() + START_BOUND.toNanos();
    while (!state().path("phase").asText().equals("ready")) {
      if (!launcher.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the local stack did not come up; launcher log:\n"
                + tail(runDir.resolve("launcher.log")));
      }
      Thread.sleep(250);
    }
  }

  String url(String key) {
    return "http://127.0.0.1:" + env.get(key);
  }

  /**
   * {@code emulators/dev args…} against this stack (a one-shot command in its own JVM); returns its
   * exit code.
   */
  int dev(String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
    command.addAll(ChildJvm.coverageAgent());
    command.addAll(
        List.of("-cp", System.getProperty("java.class.path"), "com.utalk.emulators.stack.DevCli"));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(
                ProcessBuilder.Redirect.appendTo(runDir.resolve("dev-commands.log").toFile()));
    builder
        .environment()
        .keySet()
        .removeIf(key -> key.endsWith("_EMULATOR_HOST") || key.equals("GOOGLE_CLOUD_PROJECT"));
    builder.environment().putAll(env);
    Process process = builder.start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(
          "emulators/dev " + String.join(" ", args) + " did not finish");
    }
    return process.exitValue();
  }

  /** {@code runbooks/ops args…} against this stack, in this JVM. */
  Ops ops(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Map<String, String> settings = new LinkedHashMap<>(env);
    settings.put("OPS_OPERATOR", "fault-injection-test");
    int code =
        OpsMain.run(
            Commands.all(),
            Settings.of(settings),
            List.of(args),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Ops(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  JsonNode state() throws IOException {
    Path file = runDir.resolve("stack.json");
    if (!Files.exists(file)) {
      return Json.object();
    }
    try {
      return Json.read(Files.readAllBytes(file));
    } catch (RuntimeException e) {
      return Json.object(); // being replaced
    }
  }

  long pidOf(String part) throws IOException {
    for (JsonNode node : state().path("parts")) {
      if (node.path("name").asText().equals(part)) {
        return node.path("pid").asLong();
      }
    }
    throw new IllegalStateException("no part " + part);
  }

  /**
   * SIGSTOP / SIGCONT a part and every process below it (gcloud runs the emulator as a grandchild
   * JVM).
   */
  void signal(String part, String signal) throws Exception {
    List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
    ProcessHandle root = ProcessHandle.of(pidOf(part)).orElseThrow();
    command.add(Long.toString(root.pid()));
    root.descendants().forEach(child -> command.add(Long.toString(child.pid())));
    if (new ProcessBuilder(command).inheritIO().start().waitFor() != 0) {
      throw new IllegalStateException("kill -" + signal + " failed");
    }
  }

  String launcherLog() {
    return tail(runDir.resolve("launcher.log"));
  }

  @Override
  public void close() throws Exception {
    launcher.destroy(); // SIGTERM: the launcher's shutdown hook stops every process it started
    if (!launcher.waitFor(40, TimeUnit.SECONDS)) {
      launcher.destroyForcibly();
    }
  }

  private static String tail(Path file) {
    try {
      List<String> lines = Files.readAllLines(file);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }
}
