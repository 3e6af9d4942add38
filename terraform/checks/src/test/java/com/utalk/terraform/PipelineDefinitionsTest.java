package com.utalk.terraform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Cloud Build definitions (.ci/cloudbuild/*.yaml) cannot run here; what can be checked is that
 * they parse, that every step calls the one entry point with a step it has, and that the entry
 * point accepts each step's arguments (its --dry-run validates them and runs nothing).
 */
class PipelineDefinitionsTest {
  private static final String ENTRY_POINT = ".ci/pipeline";
  private static final Path ROOT = Checks.REPO.root();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Test
  void everyStepOfEveryPipelineIsAStepOfTheEntryPointAndItsArgumentsAreAccepted()
      throws IOException {
    Set<String> known = listedSteps();
    List<Path> pipelines = pipelines();
    assertTrue(
        pipelines.size() >= 5, "pull request (tests, lint, security), develop, main: " + pipelines);
    int steps = 0;
    for (Path pipeline : pipelines) {
      JsonNode definition = YAML.readTree(pipeline.toFile());
      assertTrue(
          definition.path("steps").isArray() && definition.path("steps").size() > 0,
          pipeline + " has no steps");
      for (JsonNode step : definition.path("steps")) {
        String where = pipeline.getFileName() + " step " + step.path("id").asText("?");
        assertEquals(
            ENTRY_POINT, step.path("entrypoint").asText(), where + " must call " + ENTRY_POINT);
        List<String> args = new ArrayList<>();
        step.path("args").forEach(arg -> args.add(arg.asText()));
        assertFalse(args.isEmpty(), where + " names no step");
        assertTrue(
            known.contains(args.get(0)),
            where + ": " + args.get(0) + " is not in " + ENTRY_POINT + " --list " + known);
        Tools.Run dryRun = pipeline(dryRun(args));
        assertEquals(
            0,
            dryRun.exitCode(),
            where + ": " + ENTRY_POINT + " --dry-run " + args + " refused: " + dryRun.stderr());
        steps++;
      }
    }
    assertTrue(steps >= 10, "steps checked: " + steps);
  }

  @Test
  void theDryRunRefusesWhatTheRealRunWouldRefuse() {
    assertNotEquals(0, pipeline(List.of("--dry-run", "no-such-step")).exitCode());
    assertNotEquals(0, pipeline(List.of("--dry-run", "deploy")).exitCode(), "deploy needs --env");
    assertNotEquals(0, pipeline(List.of("--dry-run", "deploy", "--env", "qa")).exitCode());
    assertNotEquals(
        0,
        pipeline(List.of("--dry-run", "deploy", "--env", "dev", "--version", "0.0.0-not-the-pom"))
            .exitCode());
    assertNotEquals(
        0,
        pipeline(List.of("--dry-run", "deploy", "--env", "staging", "--canary", "10")).exitCode(),
        "canary is prod's");
    assertNotEquals(
        0, pipeline(List.of("--dry-run", "deploy", "--env", "prod", "--canary", "100")).exitCode());
    assertNotEquals(0, pipeline(List.of("--dry-run", "build", "extra")).exitCode());
  }

  @Test
  void deploysGoThroughTheReleaseChecklistsAndTheProdCanarySplitsTheRealtimeTraffic() {
    Tools.Run prod = pipeline(List.of("--dry-run", "deploy", "--env", "prod", "--canary", "10"));
    assertEquals(0, prod.exitCode(), prod.stderr());
    String version = pipeline(List.of("version")).stdout().trim();
    List<String> commands = prod.stdout().lines().toList();
    String tag = "v" + version.replaceAll("[^0-9A-Za-z]", "-").toLowerCase(java.util.Locale.ROOT);
    assertEquals(
        List.of(
            "runbooks/ops release pre --env prod --version " + version,
            "runbooks/ops release during --env prod --version " + version + " --yes --canary 10",
            "runbooks/ops release post --env prod --version " + version + " --rollback-after 2m",
            "gcloud run services update-traffic realtime-service --project utalk-prod --region us-central1 --to-tags "
                + tag
                + "=100"),
        commands.stream().map(line -> line.replaceFirst("^would run: ", "")).toList());
  }

  @Test
  void theCiEntryPointStillRunsTheTestCommand() throws IOException {
    assertTrue(Files.readString(ROOT.resolve(".ci/run")).contains("exec emulators/dev test"));
    assertTrue(pipeline(List.of("--dry-run", "test")).stdout().contains(".ci/run"));
  }

  private static Set<String> listedSteps() {
    Tools.Run list = pipeline(List.of("--list"));
    assertEquals(0, list.exitCode(), list.stderr());
    return list.stdout()
        .lines()
        .filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)))
        .map(line -> line.split("\\s+")[0])
        .collect(Collectors.toSet());
  }

  private static List<Path> pipelines() throws IOException {
    try (Stream<Path> files = Files.list(ROOT.resolve(".ci/cloudbuild"))) {
      return files.filter(file -> file.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  private static List<String> dryRun(List<String> args) {
    List<String> command = new ArrayList<>(List.of("--dry-run"));
    command.addAll(args);
    return command;
  }

  private static Tools.Run pipeline(List<String> args) {
    List<String> command = new ArrayList<>(List.of(ROOT.resolve(ENTRY_POINT).toString()));
    command.addAll(args);
    return Tools.run(ROOT, command);
  }
}
