package com.utalk.ops.release;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The one way the release tool runs the cloud CLIs (gcloud, terraform): every command goes through
 * here, so a test can put recording stand-ins first on {@code PATH} ({@code env}) and a dry run
 * lists what would change instead of changing it. Commands that only read (describe, list, {@code
 * terraform init/plan}) run in a dry run too, so the plan names real revisions.
 */
final class CommandRunner {
  /** What a command did: its exit code and output, for the evidence. */
  record Result(List<String> command, int exitCode, String out, String err) {
    boolean ok() {
      return exitCode == 0;
    }

    String shown() {
      return String.join(" ", command);
    }

    /** The last lines of its error output (or output): what a failure is reported with. */
    String tail() {
      String text = err.isBlank() ? out : err;
      List<String> lines = text.strip().lines().toList();
      return String.join(" | ", lines.subList(Math.max(0, lines.size() - 4), lines.size()));
    }
  }

  /** A command that exited non-zero; the message is the command and the end of what it printed. */
  static final class CommandFailed extends IllegalStateException {
    final Result result;

    CommandFailed(Result result) {
      super(result.shown() + " exited " + result.exitCode() + ": " + result.tail());
      this.result = result;
    }
  }

  private static final Duration TIMEOUT =
      Duration.ofMinutes(30); // a terraform apply of every function takes minutes

  private final Map<String, String> env;
  private final boolean dryRun;
  private final List<String> planned = new ArrayList<>();
  private final List<Result> ran = new ArrayList<>();

  /**
   * @param env overrides of this process's environment (a test's PATH with the stand-ins first)
   */
  CommandRunner(Map<String, String> env, boolean dryRun) {
    this.env = Map.copyOf(env);
    this.dryRun = dryRun;
  }

  boolean dryRun() {
    return dryRun;
  }

  /** Runs a command that changes nothing; throws {@link CommandFailed} when it fails. */
  Result read(List<String> command) throws IOException, InterruptedException {
    return checked(run(command));
  }

  /** Runs a command that may fail without that being an error (e.g. "does this object exist?"). */
  Result probe(List<String> command) throws IOException, InterruptedException {
    return run(command);
  }

  /** Runs a command that changes the environment, or in a dry run only records it. */
  Result change(List<String> command) throws IOException, InterruptedException {
    if (dryRun) {
      planned.add(String.join(" ", command));
      return new Result(command, 0, "(dry run: not run)", "");
    }
    return checked(run(command));
  }

  /** What a dry run would have changed, in order. */
  List<String> planned() {
    return List.copyOf(planned);
  }

  /** Every command actually run, in order. */
  List<Result> ran() {
    return List.copyOf(ran);
  }

  private Result checked(Result result) {
    if (!result.ok()) {
      throw new CommandFailed(result);
    }
    return result;
  }

  /**
   * The program as found on this runner's PATH (the JVM would search its own PATH, not the
   * child's).
   */
  private String executable(String program) {
    if (program.contains("/")) {
      return program;
    }
    String path = env.getOrDefault("PATH", System.getenv().getOrDefault("PATH", ""));
    for (String dir : path.split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return program;
  }

  private Result run(List<String> command) throws IOException, InterruptedException {
    Path out = Files.createTempFile("ops-cmd", ".out");
    Path err = Files.createTempFile("ops-cmd", ".err");
    try {
      List<String> resolved = new ArrayList<>(command);
      resolved.set(0, executable(command.get(0)));
      ProcessBuilder builder =
          new ProcessBuilder(resolved)
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      builder.environment().putAll(env);
      Process process = builder.start();
      if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new CommandFailed(
            new Result(command, -1, "", "did not finish within " + TIMEOUT.toMinutes() + " min"));
      }
      Result result =
          new Result(
              command,
              process.exitValue(),
              Files.readString(out, StandardCharsets.UTF_8),
              Files.readString(err, StandardCharsets.UTF_8));
      ran.add(result);
      return result;
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
