package com.utalk.ops.release;

import com.utalk.config.Settings;
import com.utalk.ops.cli.OpsAction;
import com.utalk.ops.cli.OpsCommand;
import com.utalk.ops.cli.OpsContext;
import com.utalk.ops.target.LocalTarget;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code runbooks/ops release pre|during|post}: the operations document's three release
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
        OpsAction.reading("pre", "tests, coverage, security scan, changelog and guide, staging health, rollback plan [--version X.Y.Z]",
            context -> new Checklist("pre-release", PreRelease.checks(inputs(context))).run(context)),
        OpsAction.changing("during", "backup + verify, deploy (local: restart the stack), health, smoke tests, announce api.changes",
            context -> during(context)),
        OpsAction.changing("post", "watch p95/errors/availability/memory on /metrics, roll back on > 5% errors [--window --step --rollback-after]",
            context -> PostRelease.run(context, inputs(context))));
  }

  private static com.utalk.ops.cli.Finding during(OpsContext context) {
    ReleaseInputs inputs = inputs(context);
    if (!context.confirm("release " + inputs.version() + " to " + context.options().env() + " (backup, deploy, smoke tests, announcement)")) {
      return com.utalk.ops.cli.Finding.declined("release " + inputs.version());
    }
    return new Checklist("release " + inputs.version(), DuringRelease.checks(inputs)).run(context);
  }

  /** The repository the release is cut from: the local stack's own, else UTALK_REPO_ROOT (runbooks/ops sets it). */
  static ReleaseInputs inputs(OpsContext context) {
    Path root = context.target() instanceof LocalTarget local ? local.config().repoRoot()
        : Path.of(Settings.fromEnvironment().get("UTALK_REPO_ROOT", "."));
    return ReleaseInputs.from(context.options(), root.toAbsolutePath().normalize());
  }
}
