package com.utalk.ops.release;

import com.google.cloud.firestore.QueryDocumentSnapshot;
import com.utalk.auth.AuthCollections;
import com.utalk.config.Settings;
import com.utalk.ops.cli.Evidence;
import com.utalk.ops.cli.Finding;
import com.utalk.ops.cli.OpsAction;
import com.utalk.ops.cli.OpsCommand;
import com.utalk.ops.cli.OpsContext;
import com.utalk.ops.environment.LocalTarget;
import com.utalk.storage.FirestoreCalls;
import com.utalk.storage.Timestamps;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code runbooks/ops release diagnose|pre|during|post}: the operations document's three release
 * checklists as checks that print ✔/✘ with their evidence and stop at the first ✘
 * (docs/releases.md). Options: {@code --version X.Y.Z}; post: {@code --window 10m --step 15s
 * --rollback-after 2m [--metrics-url URL]}.
 */
public final class ReleaseCommand implements OpsCommand {
  @Override
  public String name() {
    return "release";
  }

  @Override
  public String summary() {
    return "\"Checklist de liberación\" (docs/releases.md): pre, during, post with automatic rollback";
  }

  @Override
  public List<OpsAction> actions() {
    return List.of(
        OpsAction.reading(
            "diagnose",
            "was a release rolled back automatically in the last --since (15m)? which version is announced",
            ReleaseCommand::diagnose),
        OpsAction.reading(
            "pre",
            "tests, coverage, security scan, changelog and guide, staging health, rollback plan [--version X.Y.Z --test-reports DIR]",
            context ->
                new Checklist("pre-release", PreRelease.checks(inputs(context))).run(context)),
        OpsAction.changing(
            "during",
            "backup + verify, deploy (local: record the release, restart the stack; cloud: terraform apply), health, smoke, announce [--dry-run] [--canary N: cloud, N% of realtime traffic]",
            context -> during(context)),
        OpsAction.changing(
            "post",
            "watch p95/errors/availability/memory on /metrics, roll back on > 5% errors [--window --step --rollback-after]",
            context -> PostRelease.run(context, inputs(context))),
        OpsAction.changing(
            "rollback",
            "the previous version serves again (local: its recorded release; cloud: its revision and source), announced [--dry-run]",
            ReleaseCommand::rollback));
  }

  /** For the on-call: the automatic rollback leaves an audit entry; this finds the recent ones. */
  private static Finding diagnose(OpsContext context) {
    java.time.Instant since = context.clock().instant().minus(context.options().since());
    List<QueryDocumentSnapshot> rollbacks =
        FirestoreCalls.await(
                context
                    .target()
                    .firestore()
                    .collection(AuthCollections.AUDIT_LOGS)
                    .whereEqualTo("action", PostRelease.ROLLBACK_ACTION)
                    .limit(100)
                    .get())
            .getDocuments()
            .stream()
            .filter(entry -> Timestamps.toInstant(entry.get("at")).isAfter(since))
            .toList();
    List<Evidence> evidence = new ArrayList<>();
    evidence.add(Evidence.of("automatic rollbacks since " + since, rollbacks.size()));
    rollbacks.forEach(
        entry ->
            evidence.add(
                Evidence.of(
                    "rolled back " + entry.getString("targetId"),
                    Timestamps.toInstant(entry.get("at"))
                        + " (request "
                        + entry.getString("requestId")
                        + ")")));
    if (rollbacks.isEmpty()) {
      return Finding.ok(evidence);
    }
    return Finding.problem(
        rollbacks.size() + " release(s) rolled back automatically since " + since,
        "read the rolled-back build's logs; release again only after "
            + context.command("release pre")
            + " passes",
        evidence);
  }

  /** By hand what post does by itself: the previous version serves again, audited and announced. */
  private static Finding rollback(OpsContext context) throws Exception {
    ReleaseInputs inputs = inputs(context);
    if (DuringRelease.dryRun(context)) {
      Deployment.Rollback planned = DuringRelease.deployment(context, inputs).rollback();
      return Finding.ok(
          "dry run: the rollback "
              + planned.from()
              + " -> "
              + planned.to()
              + " was planned, nothing changed",
          List.of(Evidence.of("plan", planned.evidence())));
    }
    if (!context.confirm("roll " + context.options().env() + " back to the previous release")) {
      return Finding.declined("rollback");
    }
    Deployment.Rollback rollback;
    try {
      rollback = DuringRelease.deployment(context, inputs).rollback();
    } catch (IllegalStateException e) {
      return Finding.problem(
          "not rolled back: " + e.getMessage(),
          "deploy a known good version with " + context.command("release during --version X.Y.Z"),
          List.of());
    }
    List<Evidence> evidence = new ArrayList<>();
    evidence.add(Evidence.of("rollback", rollback.evidence()));
    evidence.addAll(
        RollbackAnnouncement.announce(
            context, inputs, rollback, Map.of("reason", "by hand (release rollback)")));
    Check.Result health = PreRelease.healthy(context);
    evidence.add(Evidence.of(health.status().mark + " health", health.evidence()));
    if (health.status() != Check.Status.PASSED) {
      return Finding.problem(
          "rolled back "
              + rollback.from()
              + " -> "
              + rollback.to()
              + " but the services are not healthy",
          "read the services' logs (emulators/dev status)",
          evidence);
    }
    return new Finding(
        Finding.Outcome.OK,
        "rolled back " + rollback.from() + " -> " + rollback.to(),
        null,
        evidence);
  }

  private static Finding during(OpsContext context) throws Exception {
    ReleaseInputs inputs = inputs(context);
    if (DuringRelease.dryRun(context)) {
      // nothing changes: the deploy's reads run (artifacts, terraform plan), its changes are listed
      return Finding.ok(
          "dry run: the deploy of "
              + inputs.version()
              + " to "
              + context.options().env()
              + " was planned, nothing changed",
          List.of(Evidence.of("plan", DuringRelease.deployment(context, inputs).deploy())));
    }
    if (!context.confirm(
        "release "
            + inputs.version()
            + " to "
            + context.options().env()
            + " (backup, deploy, smoke tests, announcement)")) {
      return Finding.declined("release " + inputs.version());
    }
    Finding finding =
        new Checklist("release " + inputs.version(), DuringRelease.checks(inputs)).run(context);
    // the CLI's rule for changes: each one in the audit log, under this run's request ID
    context.audit(
        "*",
        com.utalk.audit.AuditActions.RELEASE_DEPLOY,
        "release",
        inputs.version(),
        Map.of(),
        Map.of(
            "outcome",
            finding.outcome().name().toLowerCase(java.util.Locale.ROOT),
            "verdict",
            finding.verdict()));
    return finding;
  }

  /**
   * The repository the release is cut from: the local stack's own, else UTALK_REPO_ROOT
   * (runbooks/ops sets it).
   */
  static ReleaseInputs inputs(OpsContext context) {
    Path root =
        context.target() instanceof LocalTarget local
            ? local.config().repoRoot()
            : Path.of(Settings.fromEnvironment().get("UTALK_REPO_ROOT", "."));
    return ReleaseInputs.from(context.options(), root.toAbsolutePath().normalize());
  }
}
