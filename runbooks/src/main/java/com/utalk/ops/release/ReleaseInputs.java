package com.utalk.ops.release;

import com.utalk.changes.Changelog;
import com.utalk.ops.cli.Options;
import com.utalk.ops.cli.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The release command's options: {@code --version X.Y.Z} (default: the newest release in
 * CHANGELOG.md), and for {@code post} the watch: {@code --window} (default 10m), {@code --step}
 * (15s) and {@code --rollback-after} (the document's 2m) — short values let a test run in seconds.
 */
record ReleaseInputs(
    Path repoRoot, String version, Duration window, Duration step, Duration rollbackAfter) {
  static ReleaseInputs from(Options options, Path repoRoot) {
    String version = options.find("version").orElseGet(() -> newest(repoRoot));
    return new ReleaseInputs(
        repoRoot,
        version,
        duration(options, "window", Duration.ofMinutes(10)),
        duration(options, "step", Duration.ofSeconds(15)),
        duration(options, "rollback-after", RollbackRule.SUSTAINED));
  }

  ReleaseInputs withStep(Duration newStep) {
    return new ReleaseInputs(repoRoot, version, window, newStep, rollbackAfter);
  }

  private static String newest(Path repoRoot) {
    try {
      return Changelog.parse(Files.readString(repoRoot.resolve("CHANGELOG.md")))
          .releases()
          .get(0)
          .version();
    } catch (IOException | IndexOutOfBoundsException e) {
      throw new UsageException(
          "no released version in " + repoRoot.resolve("CHANGELOG.md") + "; pass --version X.Y.Z");
    }
  }

  private static Duration duration(Options options, String name, Duration fallback) {
    return options
        .find(name)
        .map(value -> Options.parse(java.util.List.of("--since", value)).since())
        .orElse(fallback);
  }
}
