package com.utalk.ops.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.utalk.ops.cli.Confirmation;
import com.utalk.ops.cli.Evidence;
import com.utalk.ops.cli.Finding;
import com.utalk.ops.cli.OpsContext;
import com.utalk.ops.cli.Options;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChecklistTest {
  private static OpsContext context() {
    return new OpsContext(
        Options.parse(List.of()),
        () -> {
          throw new IllegalStateException("no target in this test");
        },
        Confirmation.assumeYes(),
        "t",
        "ops-t",
        Clock.systemUTC());
  }

  @Test
  void stopsAtTheFirstFailureAndSaysWhatDidNotRun() {
    List<String> ran = new ArrayList<>();
    Finding finding =
        new Checklist(
                "pre-release",
                List.of(
                    Check.of(
                        "one",
                        c -> {
                          ran.add("one");
                          return Check.Result.passed("fine");
                        }),
                    Check.of(
                        "two",
                        c -> {
                          ran.add("two");
                          return Check.Result.failed("broken: 3 failures");
                        }),
                    Check.of(
                        "three",
                        c -> {
                          ran.add("three");
                          return Check.Result.passed("never");
                        })))
            .run(context());
    assertEquals(Finding.Outcome.PROBLEM, finding.outcome());
    assertEquals(List.of("one", "two"), ran);
    assertEquals(
        List.of(
            "✔ one: fine",
            "✘ two: broken: 3 failures",
            "  three: not run (stopped at the first ✘)"),
        finding.evidence().stream().map(e -> e.name() + ": " + e.value()).toList());
  }

  @Test
  void aSkippedCheckIsNeverShownAsPassed() {
    Finding finding =
        new Checklist(
                "pre-release",
                List.of(
                    Check.of("coverage", c -> Check.Result.skipped("no coverage gate yet")),
                    Check.of("tests", c -> Check.Result.passed("12 tests"))))
            .run(context());
    assertEquals(Finding.Outcome.OK, finding.outcome());
    assertTrue(
        finding.verdict().contains("1 check(s) did not run here: coverage"), finding.verdict());
    Evidence skipped = finding.evidence().get(0);
    assertEquals("– coverage", skipped.name());
    assertEquals("skipped: no coverage gate yet", skipped.value());
  }

  @Test
  void testReportsWithFailuresFailThePreReleaseAndMissingOnesToo() throws Exception {
    Path root = Files.createTempDirectory("release-reports");
    assertEquals(
        Check.Status.FAILED, PreRelease.testsGreen(root).status(), "no reports is not green");
    Path reports = Files.createDirectories(root.resolve("shared/target/surefire-reports"));
    Files.writeString(
        reports.resolve("TEST-a.xml"),
        "<testsuite name=\"a\" time=\"1\" tests=\"5\" errors=\"0\" skipped=\"0\" failures=\"0\">");
    assertEquals(Check.Status.PASSED, PreRelease.testsGreen(root).status());
    Files.writeString(
        reports.resolve("TEST-b.xml"),
        "<testsuite name=\"b\" time=\"1\" tests=\"3\" errors=\"0\" skipped=\"0\" failures=\"1\">");
    Check.Result broken = PreRelease.testsGreen(root);
    assertEquals(Check.Status.FAILED, broken.status());
    assertEquals("8 tests in 2 reports of 1 module(s), 1 failed or in error", broken.evidence());
  }

  @Test
  void theChangelogCheckNeedsTheVersionsSectionAndItsGuide() throws Exception {
    Path repo = Path.of("..").toAbsolutePath().normalize();
    ReleaseInputs current = new ReleaseInputs(repo, "1.2.0", null, null, RollbackRule.SUSTAINED);
    assertEquals(
        Check.Status.PASSED,
        PreRelease.changelog(current).status(),
        PreRelease.changelog(current).evidence());
    assertEquals(
        Check.Status.FAILED,
        PreRelease.changelog(new ReleaseInputs(repo, "9.9.9", null, null, RollbackRule.SUSTAINED))
            .status());
  }

  @Test
  void withNoReleaseRecordedThereIsNoRollbackPlan() throws Exception {
    Path run = Files.createTempDirectory("release-run");
    com.utalk.ops.environment.LocalTarget target = localTarget(run);
    OpsContext context =
        new OpsContext(
            com.utalk.ops.cli.Options.parse(List.of()),
            () -> target,
            com.utalk.ops.cli.Confirmation.assumeYes(),
            "test",
            "ops-test",
            java.time.Clock.systemUTC());
    Check.Result plan =
        PreRelease.rollbackPlan(
            context, new ReleaseInputs(Path.of(".."), "1.2.0", null, null, RollbackRule.SUSTAINED));
    assertEquals(Check.Status.FAILED, plan.status(), "nothing recorded to roll back to");
    assertTrue(
        plan.evidence().startsWith("no release recorded in " + run.resolve("releases")),
        plan.evidence());
  }

  @Test
  void theLocalStackHasNeitherADryRunNorACanary() throws Exception {
    Path run = Files.createTempDirectory("release-run");
    com.utalk.ops.environment.LocalTarget target = localTarget(run);
    ReleaseInputs inputs =
        new ReleaseInputs(Path.of(".."), "1.2.0", null, null, RollbackRule.SUSTAINED);
    for (List<String> args : List.of(List.of("--dry-run"), List.of("--canary", "10"))) {
      OpsContext context =
          new OpsContext(
              com.utalk.ops.cli.Options.parse(args),
              () -> target,
              com.utalk.ops.cli.Confirmation.assumeYes(),
              "test",
              "ops-test",
              java.time.Clock.systemUTC());
      com.utalk.ops.cli.UsageException refused =
          org.junit.jupiter.api.Assertions.assertThrows(
              com.utalk.ops.cli.UsageException.class,
              () -> DuringRelease.deployment(context, inputs));
      assertTrue(
          refused.getMessage().contains("is for --env dev|staging|prod"), refused.getMessage());
    }
  }

  @Test
  void aBreakingReleaseNeedsItsGuideAndAnEmptyOneIsNoRelease() throws Exception {
    Path repo = Files.createTempDirectory("release-changelog");
    Files.writeString(
        repo.resolve("CHANGELOG.md"),
        """
        # Changelog

        ## [2.1.0] - 2026-12-01

        ## [2.0.0] - 2026-11-01

        ### Removed

        - **BREAKING** `GET /api/legacy` — gone. Migration: call `GET /api/conversations`.

        ## [1.9.0] - 2026-10-01

        Migration guide: https://docs.utalk.com/migrations/v1.8-to-v1.9

        ### Added

        - `GET /api/extra` — something new. Migration: optional.
        """);
    Check.Result empty =
        PreRelease.changelog(new ReleaseInputs(repo, "2.1.0", null, null, RollbackRule.SUSTAINED));
    assertEquals(Check.Status.FAILED, empty.status());
    assertEquals("2.1.0 lists no change", empty.evidence());
    Check.Result noGuide =
        PreRelease.changelog(new ReleaseInputs(repo, "2.0.0", null, null, RollbackRule.SUSTAINED));
    assertEquals(Check.Status.FAILED, noGuide.status());
    assertEquals("2.0.0 has a breaking change and no 'Migration guide:' line", noGuide.evidence());
    Check.Result guided =
        PreRelease.changelog(new ReleaseInputs(repo, "1.9.0", null, null, RollbackRule.SUSTAINED));
    assertEquals(Check.Status.PASSED, guided.status(), guided.evidence());
    assertEquals(
        "1 change(s) dated 2026-10-01, guide https://docs.utalk.com/migrations/v1.8-to-v1.9",
        guided.evidence());
  }

  @Test
  void testReportsWrittenWithFailuresBeforeErrorsAreReadTooAndOtherFilesIgnored() throws Exception {
    Path root = Files.createTempDirectory("release-reports-order");
    Path reports = Files.createDirectories(root.resolve("functions/target/surefire-reports"));
    Files.writeString(
        reports.resolve("TEST-c.xml"),
        "<testsuite name=\"c\" tests=\"4\" failures=\"0\" errors=\"2\" skipped=\"0\">");
    Files.writeString(reports.resolve("c.txt"), "Tests run: 4, Failures: 9");
    Files.writeString(reports.resolve("TEST-d.txt"), "not xml");
    Check.Result broken = PreRelease.testsGreen(root);
    assertEquals(Check.Status.FAILED, broken.status());
    assertEquals("4 tests in 1 reports of 1 module(s), 2 failed or in error", broken.evidence());
  }

  /** The local stack's target on a run folder of the test's own (nothing needs to be running). */
  private static com.utalk.ops.environment.LocalTarget localTarget(Path run) {
    return new com.utalk.ops.environment.LocalTarget(
        com.utalk.emulators.stack.StackConfig.from(
            com.utalk.config.Settings.of(
                java.util.Map.of(
                    "UTALK_REPO_ROOT",
                    Path.of("..").toAbsolutePath().normalize().toString(),
                    "UTALK_RUN_DIR",
                    run.toString()))));
  }
}
