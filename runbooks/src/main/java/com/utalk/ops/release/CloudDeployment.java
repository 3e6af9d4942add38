package com.utalk.ops.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.utalk.json.Json;
import com.utalk.ops.environment.CloudEnvironment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A deployed environment (dev, staging, prod) as a deployment, with the real commands of
 * terraform/README.md "Deploying" through one {@link CommandRunner}:
 *
 * <ul>
 *   <li>deploy: the version's artifacts exist (the functions' source object {@code
 *       gs://<project>-function-source/functions-<v>.zip} and the realtime image {@code
 *       <region>-docker.pkg.dev/<project>/utalk/realtime-service:<v>}), then {@code terraform
 *       -chdir=terraform/environments/<env> init}, {@code plan -var app_version=<v> -out=…}, {@code
 *       apply} of that plan, and the dead-letter script; the realtime traffic then goes to the
 *       latest revision, or, for a canary ({@code --canary N}), stays pinned on what served before
 *       the apply while the new revision, tagged {@code v<version>}, takes N% ({@link
 *       RealtimeTraffic});
 *   <li>rollback: the realtime service's traffic goes back at once to the newest revision of the
 *       previous version ({@code gcloud run services update-traffic --to-revisions <rev>=100}),
 *       then Terraform applies the previous {@code app_version}, which redeploys every function
 *       from the previous source object (still in the bucket) and the service from the previous
 *       image (the revision that apply creates stays without traffic until the next deploy: the
 *       pinned one runs the same version).
 * </ul>
 *
 * Which version is previous comes from Cloud Run itself: the revisions of the realtime service with
 * the version each runs (its image's tag), newest first.
 */
final class CloudDeployment implements Deployment {
  private final CloudEnvironment environment;
  private final Path repoRoot;
  private final String version;
  private final CommandRunner runner;
  private final RealtimeTraffic traffic;
  private final int canaryPercent;

  /** A deploy that gives the new version all the traffic. */
  CloudDeployment(
      CloudEnvironment environment, Path repoRoot, String version, CommandRunner runner) {
    this(environment, repoRoot, version, runner, 0);
  }

  /**
   * {@code canaryPercent} 1..99: the new realtime revision takes that share and the rest stays on
   * what serves; 0: all of it.
   */
  CloudDeployment(
      CloudEnvironment environment,
      Path repoRoot,
      String version,
      CommandRunner runner,
      int canaryPercent) {
    if (canaryPercent < 0 || canaryPercent > 99) {
      throw new IllegalArgumentException(
          "a canary takes 1..99% of the traffic, not " + canaryPercent);
    }
    this.environment = environment;
    this.repoRoot = repoRoot;
    this.version = version;
    this.runner = runner;
    this.traffic = new RealtimeTraffic(environment, runner);
    this.canaryPercent = canaryPercent;
  }

  /** One revision of the realtime service and the version it runs. */
  record Revision(String name, String created, String version) {}

  @Override
  public String deploy() throws Exception {
    List<String> done = new ArrayList<>();
    done.add(artifacts(version));
    runner.read(terraform("init", "-input=false", "-no-color"));
    CommandRunner.Result plan =
        runner.read(
            terraform(
                "plan",
                "-input=false",
                "-no-color",
                "-var",
                "app_version=" + version,
                "-out=" + planFile()));
    done.add("terraform plan: " + summary(plan.out(), "Plan:", "No changes."));
    if (canaryPercent > 0) {
      done.add(traffic.pin(traffic.serving()));
    }
    CommandRunner.Result apply =
        runner.change(terraform("apply", "-input=false", "-no-color", planFile()));
    done.add(
        runner.dryRun()
            ? "apply not run (dry run)"
            : "terraform apply: " + summary(apply.out(), "Apply complete!", "Apply complete!"));
    done.add(canaryPercent > 0 ? canary() : traffic.toLatest());
    runner.change(deadLetters());
    done.add(
        runner.dryRun() ? "dead letters not attached (dry run)" : "dead-letter topics attached");
    return environment.name()
        + " now on "
        + version
        + ": "
        + String.join("; ", done)
        + plannedSuffix();
  }

  @Override
  public Rollback rollback() throws Exception {
    List<Revision> revisions = revisions();
    if (revisions.isEmpty()) {
      throw new IllegalStateException(
          "Cloud Run lists no revision of "
              + CloudEnvironment.REALTIME_SERVICE
              + " in "
              + environment.projectId());
    }
    String from = revisions.get(0).version();
    Revision previous = previous(revisions, from);
    List<String> done = new ArrayList<>();
    done.add(artifacts(previous.version()));
    done.add(traffic.toRevision(previous.name()));
    runner.read(terraform("init", "-input=false", "-no-color"));
    runner.change(
        terraform(
            "apply",
            "-input=false",
            "-no-color",
            "-auto-approve",
            "-var",
            "app_version=" + previous.version()));
    runner.change(deadLetters());
    done.add(
        "functions redeployed from functions-"
            + previous.version()
            + ".zip by terraform apply -var app_version="
            + previous.version());
    return new Rollback(from, previous.version(), String.join("; ", done) + plannedSuffix());
  }

  /** The revision the apply created for this version takes the canary's share. */
  private String canary() throws Exception {
    if (runner.dryRun()) {
      // nothing was applied, so there is no new revision to name yet
      return traffic.canary("<the revision apply creates>", version, canaryPercent);
    }
    Revision created =
        revisions().stream()
            .filter(r -> version.equals(r.version()))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "terraform apply created no revision of "
                            + CloudEnvironment.REALTIME_SERVICE
                            + " running "
                            + version
                            + ": the traffic stays pinned where it was"));
    return traffic.canary(created.name(), version, canaryPercent);
  }

  /** For {@code pre}: the version to go back to and its artifacts, or why there is none. */
  String rollbackPlan(String releasing) throws Exception {
    List<Revision> revisions = revisions();
    String serving = revisions.isEmpty() ? null : revisions.get(0).version();
    Revision previous =
        releasing.equals(serving)
            ? previous(revisions, serving)
            : revisions.stream()
                .findFirst()
                .orElseThrow(
                    () ->
                        new IllegalStateException(
                            "no revision of "
                                + CloudEnvironment.REALTIME_SERVICE
                                + " to roll back to"));
    return "roll back to "
        + previous.version()
        + " (revision "
        + previous.name()
        + "): "
        + artifacts(previous.version());
  }

  /**
   * Both artifacts of a version exist, or a {@link CommandRunner.CommandFailed} naming the missing
   * one.
   */
  String artifacts(String of) throws Exception {
    String object = "gs://" + environment.projectId() + "-function-source/functions-" + of + ".zip";
    String image =
        environment.region()
            + "-docker.pkg.dev/"
            + environment.projectId()
            + "/utalk/"
            + CloudEnvironment.REALTIME_SERVICE
            + ":"
            + of;
    JsonNode source =
        Json.read(
            runner
                .read(List.of("gcloud", "storage", "objects", "describe", object, "--format=json"))
                .out()
                .getBytes(StandardCharsets.UTF_8));
    JsonNode described =
        Json.read(
            runner
                .read(
                    List.of(
                        "gcloud",
                        "artifacts",
                        "docker",
                        "images",
                        "describe",
                        image,
                        "--format=json"))
                .out()
                .getBytes(StandardCharsets.UTF_8));
    return object
        + " ("
        + source.path("size").asText("?")
        + " bytes, generation "
        + source.path("generation").asText("?")
        + "), "
        + image
        + " ("
        + described.path("image_summary").path("digest").asText("?")
        + ")";
  }

  /**
   * Newest first, each with the version its container runs: its image's tag (the version is built
   * into the image).
   */
  List<Revision> revisions() throws Exception {
    CommandRunner.Result listed =
        runner.read(
            List.of(
                "gcloud",
                "run",
                "revisions",
                "list",
                "--service=" + CloudEnvironment.REALTIME_SERVICE,
                "--project=" + environment.projectId(),
                "--region=" + environment.region(),
                "--format=json"));
    List<Revision> revisions = new ArrayList<>();
    for (JsonNode revision : Json.read(listed.out().getBytes(StandardCharsets.UTF_8))) {
      String image = revision.path("spec").path("containers").path(0).path("image").asText("");
      String running = image.contains(":") ? image.substring(image.lastIndexOf(':') + 1) : null;
      revisions.add(
          new Revision(
              revision.path("metadata").path("name").asText(),
              revision.path("metadata").path("creationTimestamp").asText(),
              running));
    }
    revisions.sort(
        Comparator.comparing(Revision::created).reversed()); // RFC 3339 UTC timestamps sort as text
    return revisions;
  }

  private static Revision previous(List<Revision> revisions, String from) {
    return revisions.stream()
        .filter(r -> r.version() != null && !r.version().equals(from))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "no revision of another version than " + from + " to roll back to"));
  }

  private List<String> terraform(String... args) {
    List<String> command = new ArrayList<>(List.of("terraform", "-chdir=" + environmentDir()));
    command.addAll(List.of(args));
    return command;
  }

  private List<String> deadLetters() {
    return List.of(
        repoRoot.resolve("terraform/scripts/attach-dead-letters.sh").toString(),
        environment.name());
  }

  private Path environmentDir() {
    return repoRoot.resolve("terraform/environments").resolve(environment.name());
  }

  private String planFile() {
    return "release-" + version + ".tfplan";
  }

  private String plannedSuffix() {
    return runner.dryRun() ? " — dry run, would run: " + String.join(" && ", runner.planned()) : "";
  }

  /**
   * The line of a Terraform output that sums it up ("Plan: 0 to add, 3 to change, 0 to destroy.").
   */
  private static String summary(String output, String prefix, String fallback) {
    return output
        .lines()
        .map(String::strip)
        .filter(line -> line.startsWith(prefix) || line.startsWith("No changes."))
        .findFirst()
        .orElse(fallback);
  }
}
