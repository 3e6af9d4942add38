package com.utalk.ops.release;

import com.utalk.ops.cli.Evidence;
import com.utalk.ops.cli.Finding;
import com.utalk.ops.cli.OpsContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs checks in order, one evidence line each ({@code ✔ name: ...}, {@code ✘ name: ...}, {@code –
 * name: skipped: why}), and stops at the first ✘: what comes after it is listed as not run. All
 * passed → OK; some skipped → OK saying which were not checked; a ✘ → PROBLEM.
 */
final class Checklist {
  private final String title;
  private final List<Check> checks;

  Checklist(String title, List<Check> checks) {
    this.title = title;
    this.checks = List.copyOf(checks);
  }

  Finding run(OpsContext context) {
    List<Evidence> evidence = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (int i = 0; i < checks.size(); i++) {
      Check check = checks.get(i);
      Check.Result result;
      try {
        result = check.run(context);
      } catch (Exception e) {
        result =
            Check.Result.failed(
                "could not run: " + e.getClass().getSimpleName() + ": " + e.getMessage());
      }
      evidence.add(Evidence.of(result.status().mark + " " + check.name(), result.evidence()));
      if (result.status() == Check.Status.SKIPPED) {
        skipped.add(check.name());
      }
      if (result.status() == Check.Status.FAILED) {
        for (Check left : checks.subList(i + 1, checks.size())) {
          evidence.add(Evidence.of("  " + left.name(), "not run (stopped at the first ✘)"));
        }
        return Finding.problem(
            title + ": ✘ " + check.name(), "fix it and run the checklist again", evidence);
      }
    }
    String cause =
        skipped.isEmpty()
            ? title + ": every check passed"
            : title
                + ": passed, but "
                + skipped.size()
                + " check(s) did not run here: "
                + String.join(", ", skipped);
    return new Finding(Finding.Outcome.OK, cause, null, evidence);
  }
}
