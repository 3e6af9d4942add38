package com.utalk.ops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.utalk.config.Settings;
import com.utalk.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The command line an operator types and the output and exit code they read, for any command
 * family.
 */
class OpsMainTest {
  private final List<String> changes = new ArrayList<>();

  /** A family that needs no target: its finding is what --state says; "apply" changes data. */
  private final OpsCommand demo =
      new OpsCommand() {
        @Override
        public String name() {
          return "demo";
        }

        @Override
        public String summary() {
          return "a family for this test";
        }

        @Override
        public List<OpsAction> actions() {
          return List.of(
              OpsAction.reading(
                  "diagnose",
                  "reports --state",
                  context ->
                      switch (context.options().require("state")) {
                        case "ok" -> Finding.ok(List.of(Evidence.of("count", 0)));
                        case "bad" ->
                            Finding.problem(
                                "3 things are wrong",
                                context.command("demo apply"),
                                List.of(Evidence.of("count", 3)));
                        default -> throw new IllegalStateException("the target did not answer");
                      }),
              OpsAction.changing(
                  "apply",
                  "changes one thing",
                  context -> {
                    if (!context.confirm("change one thing")) {
                      return Finding.declined("one change");
                    }
                    changes.add(context.requestId());
                    return Finding.ok(List.of());
                  }));
        }
      };

  private record Run(int exitCode, String out, String err) {}

  private Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        OpsMain.run(
            List.of(demo),
            Settings.of(Map.of("OPS_OPERATOR", "tester")),
            List.of(args),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void helpListsEveryFamilyAndActionWithTheExitCodes() {
    Run help = run("--help");
    assertEquals(0, help.exitCode());
    assertTrue(
        help.out().contains("demo")
            && help.out().contains("diagnose")
            && help.out().contains("apply"),
        help.out());
    assertTrue(help.out().contains("Exit codes: 0 OK, 1 problem found"), help.out());
    assertEquals(2, run().exitCode(), "no arguments is a usage error");
  }

  @Test
  void theVerdictLineComesFirstThenTheEvidenceAndTheExitCodeSaysWhich() {
    Run ok = run("demo", "diagnose", "--state", "ok");
    assertEquals(0, ok.exitCode());
    assertEquals("OK", ok.out().lines().findFirst().orElseThrow());
    assertTrue(ok.out().contains("  count: 0"), ok.out());

    Run bad = run("demo", "diagnose", "--state", "bad", "--env", "staging");
    assertEquals(1, bad.exitCode());
    assertEquals(
        "3 things are wrong — next: runbooks/ops demo apply --env staging",
        bad.out().lines().findFirst().orElseThrow());

    Run broken = run("demo", "diagnose", "--state", "unreachable");
    assertEquals(3, broken.exitCode(), "a check that could not run is not an OK");
    assertTrue(
        broken
            .out()
            .startsWith("could not check: IllegalStateException: the target did not answer"),
        broken.out());
  }

  @Test
  void jsonIsTheSameFindingAsOneObject() {
    Run json = run("demo", "diagnose", "--state=bad", "--json");
    assertEquals(1, json.exitCode());
    JsonNode node = Json.read(json.out().trim().getBytes(StandardCharsets.UTF_8));
    assertEquals("problem", node.path("outcome").asText());
    assertEquals("3 things are wrong", node.path("cause").asText());
    assertEquals("runbooks/ops demo apply", node.path("next").asText());
    assertEquals("3", node.path("evidence").get(0).path("value").asText());
    assertTrue(node.path("requestId").asText().startsWith("ops-"));
  }

  @Test
  void aChangeIsOnlyMadeWhenConfirmed() {
    Run declined = run("demo", "apply");
    assertEquals(4, declined.exitCode(), "no terminal and no --yes: nothing changes");
    assertTrue(changes.isEmpty());
    assertTrue(declined.err().contains("would change: change one thing"), declined.err());

    Run applied = run("demo", "apply", "--yes");
    assertEquals(0, applied.exitCode());
    assertEquals(1, changes.size());
  }

  @Test
  void badCommandLinesAreUsageErrors() {
    assertEquals(2, run("nope", "diagnose").exitCode());
    assertEquals(2, run("demo", "nope").exitCode());
    assertEquals(2, run("demo", "diagnose", "--env", "qa").exitCode());
    assertEquals(2, run("demo", "diagnose", "--since", "soon").exitCode());
    assertEquals(2, run("demo", "diagnose").exitCode(), "a missing required option");
    assertEquals(Duration.ofHours(2), Options.parse(List.of("--since", "2h")).since());
    assertEquals(Duration.ofSeconds(30), Options.parse(List.of("--since", "30s")).since());
    assertEquals(Duration.ofDays(1), Options.parse(List.of("--since=1d")).since());
    for (String wrong : List.of("5x", "m", "")) {
      assertEquals(2, run("demo", "diagnose", "--state", "ok", "--since", wrong).exitCode(), wrong);
    }
    assertEquals(2, run("demo", "diagnose", "stray").exitCode(), "a value without its option");
  }

  @Test
  void aFamilyAloneListsItsActionsAndAskedForHelpIsNoError() {
    Run alone = run("demo");
    assertEquals(2, alone.exitCode());
    assertTrue(alone.err().contains("diagnose") && alone.err().contains("apply"), alone.err());

    Run help = run("demo", "--help");
    assertEquals(0, help.exitCode());
    assertTrue(help.out().contains("changes one thing"), help.out());
    assertEquals("", help.err());
  }
}
