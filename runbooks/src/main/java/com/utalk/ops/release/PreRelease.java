package com.utalk.ops.release;

import com.utalk.changes.Changelog;
import com.utalk.changes.Release;
import com.utalk.emulators.stack.LocalReleases;
import com.utalk.ops.cli.OpsContext;
import com.utalk.ops.environment.LocalTarget;
import com.utalk.ops.probes.HttpProbe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The document's "Pre-Liberación" checklist as checks. */
final class PreRelease {
  private static final Pattern SUITE =
      Pattern.compile(
          "<testsuite [^>]*?tests=\"(\\d+)\"[^>]*?errors=\"(\\d+)\"[^>]*?failures=\"(\\d+)\"");
  private static final Pattern SUITE_OTHER_ORDER =
      Pattern.compile(
          "<testsuite [^>]*?tests=\"(\\d+)\"[^>]*?failures=\"(\\d+)\"[^>]*?errors=\"(\\d+)\"");

  private PreRelease() {}

  static List<Check> checks(ReleaseInputs inputs) {
    return List.of(
        Check.of("all tests green", context -> testsGreen(testReportsRoot(context, inputs))),
        Check.of(
            "coverage above 80%",
            context ->
                coverage(
                    path(context, inputs, "coverage-report", CoverageReport.DEFAULT_PATH),
                    testReportsRoot(context, inputs))),
        Check.of(
            "security scan clean",
            context ->
                securityScan(
                    path(context, inputs, "scan-report", ScanReport.DEFAULT_PATH),
                    context.options().local())),
        Check.of(
            "changelog and migration guide for " + inputs.version(), context -> changelog(inputs)),
        Check.of("staging healthy", PreRelease::healthy),
        Check.of(
            "rollback plan: previous version's artifacts",
            context -> rollbackPlan(context, inputs)));
  }

  private static Path testReportsRoot(OpsContext context, ReleaseInputs inputs) {
    return context.options().find("test-reports").map(Path::of).orElse(inputs.repoRoot());
  }

  private static Path path(
      OpsContext context, ReleaseInputs inputs, String option, String fallback) {
    return context.options().find(option).map(Path::of).orElse(inputs.repoRoot().resolve(fallback));
  }

  /**
   * Every module's surefire folder under {@code root} (the repository: {@code
   * <module>/target/surefire-reports}).
   */
  private static List<Path> surefireFolders(Path root) throws IOException {
    try (Stream<Path> modules = Files.walk(root, 3)) {
      return modules
          .filter(
              path ->
                  path.endsWith(Path.of("target", "surefire-reports")) && Files.isDirectory(path))
          .toList();
    }
  }

  private static List<Path> testReports(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .filter(
              f -> f.getFileName().toString().startsWith("TEST-") && f.toString().endsWith(".xml"))
          .toList();
    }
  }

  /**
   * The merged JaCoCo report: lines and branches both at least 80%, and written after the test
   * reports it should measure (an older one measured an earlier run).
   */
  static Check.Result coverage(Path report, Path testReportsRoot) throws Exception {
    if (!Files.isRegularFile(report)) {
      return Check.Result.failed(
          "no coverage report at "
              + report
              + " (the build's JaCoCo aggregate; or --coverage-report FILE)");
    }
    FileTime newestTest = null;
    for (Path folder : surefireFolders(testReportsRoot)) {
      for (Path test : testReports(folder)) {
        FileTime written = Files.getLastModifiedTime(test);
        newestTest = newestTest == null || written.compareTo(newestTest) > 0 ? written : newestTest;
      }
    }
    FileTime measured = Files.getLastModifiedTime(report);
    if (newestTest != null && measured.compareTo(newestTest) < 0) {
      return Check.Result.failed(
          report
              + " ("
              + measured
              + ") is older than the newest test report ("
              + newestTest
              + "): it measured an earlier run");
    }
    CoverageReport figures = CoverageReport.read(report);
    String evidence = figures.figures() + " in " + report + " (threshold 80% each)";
    return figures.passes() ? Check.Result.passed(evidence) : Check.Result.failed(evidence);
  }

  /**
   * The pipeline's osv-scanner output on the SBOM: clean, or the vulnerability ids. It cannot run
   * here (its databases are downloaded), so locally a missing report is said, not passed.
   */
  static Check.Result securityScan(Path report, boolean local) throws Exception {
    if (!Files.isRegularFile(report)) {
      return local
          ? Check.Result.skipped(
              "no "
                  + report
                  + " here: the pipeline's scan step runs osv-scanner on target/bom.json (its vulnerability "
                  + "databases cannot be downloaded on this machine); pass --scan-report FILE to read one")
          : Check.Result.failed(
              "no scan report at "
                  + report
                  + " (the pipeline's osv-scanner step; or --scan-report FILE)");
    }
    ScanReport scan = ScanReport.read(report);
    if (scan.clean()) {
      return Check.Result.passed(
          "osv-scanner lists no vulnerability ("
              + report
              + ", written "
              + Files.getLastModifiedTime(report)
              + ")");
    }
    return Check.Result.failed(
        scan.findings().size()
            + " known vulnerabilit"
            + (scan.findings().size() == 1 ? "y" : "ies")
            + " in "
            + scan.affectedPackages()
            + " package(s): "
            + String.join(", ", scan.findings()));
  }

  /** The newest surefire reports of every module: the last `emulators/dev test` run. */
  static Check.Result testsGreen(Path root) throws Exception {
    long tests = 0;
    long broken = 0;
    int reports = 0;
    List<Path> folders = surefireFolders(root);
    for (Path folder : folders) {
      for (Path report : testReports(folder)) {
        String xml = Files.readString(report);
        Matcher m = SUITE.matcher(xml);
        Matcher other = SUITE_OTHER_ORDER.matcher(xml);
        if (m.find()) {
          tests += Long.parseLong(m.group(1));
          broken += Long.parseLong(m.group(2)) + Long.parseLong(m.group(3));
          reports++;
        } else if (other.find()) {
          tests += Long.parseLong(other.group(1));
          broken += Long.parseLong(other.group(2)) + Long.parseLong(other.group(3));
          reports++;
        }
      }
    }
    if (reports == 0) {
      return Check.Result.failed("no test reports under " + root + " (run emulators/dev test)");
    }
    String evidence =
        tests
            + " tests in "
            + reports
            + " reports of "
            + folders.size()
            + " module(s), "
            + broken
            + " failed or in error";
    return broken == 0 ? Check.Result.passed(evidence) : Check.Result.failed(evidence);
  }

  static Check.Result changelog(ReleaseInputs inputs) throws Exception {
    Changelog changelog =
        Changelog.parse(Files.readString(inputs.repoRoot().resolve("CHANGELOG.md")));
    Release release = changelog.release(inputs.version()).orElse(null);
    if (release == null) {
      return Check.Result.failed(
          "CHANGELOG.md has no section ## [" + inputs.version() + "] - <date>");
    }
    if (release.changes().isEmpty()) {
      return Check.Result.failed(inputs.version() + " lists no change");
    }
    if (release.breaking() && release.migrationGuide() == null) {
      return Check.Result.failed(
          inputs.version() + " has a breaking change and no 'Migration guide:' line");
    }
    return Check.Result.passed(
        release.changes().size()
            + " change(s) dated "
            + release.date()
            + (release.migrationGuide() == null
                ? ", no migration needed"
                : ", guide " + release.migrationGuide()));
  }

  static Check.Result healthy(OpsContext context) {
    HttpProbe.Answer health = HttpProbe.get(context.target().publicBaseUrl() + "/health");
    HttpProbe.Answer database =
        HttpProbe.get(context.target().publicBaseUrl() + "/health/database");
    HttpProbe.Answer realtime = HttpProbe.get(context.target().realtimeUrl() + "/health");
    String evidence =
        "/health "
            + health.summary()
            + " (version "
            + health.json().path("version").asText("?")
            + "), /health/database "
            + database.summary()
            + ", realtime /health "
            + realtime.summary();
    return health.status() == 200 && database.status() == 200 && realtime.status() == 200
        ? Check.Result.passed(evidence)
        : Check.Result.failed(evidence);
  }

  /**
   * What a rollback needs: a version to go back to and its artifacts, complete. Locally that is the
   * release serving now (or, if this version already serves, the one before it) in the stack's
   * releases folder, every file there with its recorded size.
   */
  static Check.Result rollbackPlan(OpsContext context, ReleaseInputs inputs) throws Exception {
    if (!(context.target() instanceof LocalTarget local)) {
      // the previous Cloud Run revision, and that version's source object and image
      return Check.Result.passed(
          ((CloudDeployment) DuringRelease.deployment(context, inputs))
                  .rollbackPlan(inputs.version())
              + "; release post rolls back by itself on > 5% errors for "
              + inputs.rollbackAfter().toSeconds()
              + " s");
    }
    LocalReleases releases = LocalReleases.of(local.config());
    LocalReleases.Manifest manifest = releases.manifest();
    String previous =
        inputs.version().equals(manifest.current()) ? manifest.previous() : manifest.current();
    if (previous == null) {
      return Check.Result.failed(
          "no release recorded in "
              + releases.dir()
              + " to roll back to (history "
              + manifest.history()
              + "); deploy the version serving now first: release during --version <it> --yes");
    }
    Optional<String> incomplete = releases.incomplete(previous);
    if (incomplete.isPresent()) {
      return Check.Result.failed(
          "previous release " + previous + " is not complete: " + incomplete.get());
    }
    LocalReleases.Release release = releases.release(previous).orElseThrow();
    return Check.Result.passed(
        "roll back to "
            + previous
            + ": its "
            + release.files().size()
            + " files in "
            + releases.dir(previous)
            + " are complete; release post rolls back by itself on > 5% errors for "
            + inputs.rollbackAfter().toSeconds()
            + " s");
  }
}
