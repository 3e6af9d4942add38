package com.utalk.ops.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.utalk.ops.cli.Confirmation;
import com.utalk.ops.cli.Finding;
import com.utalk.ops.cli.OpsContext;
import com.utalk.ops.cli.Options;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cloud deploy and rollback run the real gcloud and terraform command lines; here those are
 * recording stand-ins first on PATH ({@link CliStandIns}: each appends its argv to a log and
 * answers as the real CLI does for these calls), with the real attach-dead-letters.sh. The tests
 * assert the exact commands and their order, the failure paths and the dry run.
 */
class CloudDeploymentTest {
  @TempDir Path temp;
  private CliStandIns cli;
  private Path state;
  private Path repo;

  @BeforeEach
  void standIns() throws IOException {
    cli = new CliStandIns(temp);
    state = cli.state;
    repo = cli.repo;
  }

  private CloudDeployment deployment(String version, boolean dryRun) {
    return cli.deployment(version, dryRun);
  }

  private List<String> calls() throws IOException {
    return cli.calls();
  }

  private String tf(String args) {
    return cli.tf(args);
  }

  private static final String SOURCE_12 =
      "gcloud storage objects describe gs://utalk-staging-function-source/functions-1.2.0.zip --format=json";
  private static final String IMAGE_12 =
      "gcloud artifacts docker images describe us-central1-docker.pkg.dev/utalk-staging/utalk/realtime-service:1.2.0 --format=json";

  private static final String TRAFFIC =
      "gcloud run services update-traffic realtime-service --project=utalk-staging --region=us-central1 ";

  /**
   * What the real attach-dead-letters.sh asks (an environment without background functions' dead
   * letters here).
   */
  private static final List<String> DEAD_LETTERS =
      List.of(
          "terraform output -raw project_id",
          "gcloud projects describe utalk-staging --format=value\\(projectNumber\\)",
          "terraform output -json dead_letters");

  @Test
  void deployChecksTheArtifactsThenPlansAndAppliesTheVersionWithTerraform() throws Exception {
    String evidence = deployment("1.2.0", false).deploy();
    List<String> expected =
        new java.util.ArrayList<>(
            List.of(
                SOURCE_12,
                IMAGE_12,
                tf("init -input=false -no-color"),
                tf("plan -input=false -no-color -var app_version=1.2.0 -out=release-1.2.0.tfplan"),
                tf("apply -input=false -no-color release-1.2.0.tfplan"),
                // a rollback may have pinned the traffic on an older revision: the new one serves
                TRAFFIC + "--to-latest --quiet"));
    expected.addAll(DEAD_LETTERS);
    assertEquals(expected, calls());
    assertTrue(
        evidence.startsWith(
            "staging now on 1.2.0: gs://utalk-staging-function-source/functions-1.2.0.zip ("),
        evidence);
    assertTrue(
        evidence.contains("sha256:ab12cd34120")
            && evidence.contains("Plan: 0 to add, 17 to change, 0 to destroy.")
            && evidence.contains(
                "terraform apply: Apply complete! Resources: 0 added, 17 changed, 0 destroyed."),
        evidence);
  }

  @Test
  void aVersionWithoutItsSourceObjectIsNotDeployed() throws Exception {
    CommandRunner.CommandFailed failed =
        assertThrows(CommandRunner.CommandFailed.class, () -> deployment("1.3.0", false).deploy());
    assertTrue(
        failed
            .getMessage()
            .contains(
                "functions-1.3.0.zip --format=json exited 1: ERROR: (gcloud.storage.objects.describe) The following URLs matched no objects"),
        failed.getMessage());
    assertEquals(
        List.of(
            "gcloud storage objects describe gs://utalk-staging-function-source/functions-1.3.0.zip --format=json"),
        calls(),
        "terraform never ran");
  }

  @Test
  void aFailingApplyStopsTheChecklistWithTheEvidence() throws Exception {
    Files.writeString(state.resolve("fail-apply"), "");
    CloudDeployment deployment = deployment("1.2.0", false);
    OpsContext context =
        new OpsContext(
            Options.parse(List.of("--env", "staging")),
            () -> {
              throw new AssertionError("no target needed");
            },
            Confirmation.assumeYes(),
            "test",
            "ops-test",
            Clock.systemUTC());
    Finding finding =
        new Checklist(
                "release 1.2.0",
                List.of(
                    Check.of("deploy", c -> Check.Result.passed(deployment.deploy())),
                    Check.of("health checks", c -> Check.Result.passed("must not run"))))
            .run(context);

    assertEquals(Finding.Outcome.PROBLEM, finding.outcome());
    assertEquals("release 1.2.0: ✘ deploy", finding.cause());
    String deploy = finding.evidence().get(0).name() + ": " + finding.evidence().get(0).value();
    assertTrue(
        deploy.startsWith(
            "✘ deploy: could not run: CommandFailed: "
                + tf("apply -input=false -no-color release-1.2.0.tfplan")
                + " exited 1: "),
        deploy);
    assertTrue(
        deploy.contains("Error 403: Permission 'cloudfunctions.functions.update' denied"), deploy);
    assertEquals("not run (stopped at the first ✘)", finding.evidence().get(1).value());
    List<String> calls = calls();
    assertEquals(
        tf("apply -input=false -no-color release-1.2.0.tfplan"),
        calls.get(calls.size() - 1),
        "nothing after the failed apply");
  }

  @Test
  void rollbackGivesTheRealtimeTrafficToThePreviousRevisionThenRedeploysThePreviousVersion()
      throws Exception {
    Deployment.Rollback rollback = deployment("1.2.0", false).rollback();
    assertEquals("1.2.0", rollback.from());
    assertEquals("1.1.0", rollback.to());
    List<String> expected =
        new java.util.ArrayList<>(
            List.of(
                "gcloud run revisions list --service=realtime-service --project=utalk-staging --region=us-central1 --format=json",
                "gcloud storage objects describe gs://utalk-staging-function-source/functions-1.1.0.zip --format=json",
                "gcloud artifacts docker images describe us-central1-docker.pkg.dev/utalk-staging/utalk/realtime-service:1.1.0 --format=json",
                "gcloud run services update-traffic realtime-service --project=utalk-staging --region=us-central1 "
                    + "--to-revisions=realtime-service-00002-kaw=100 --quiet",
                tf("init -input=false -no-color"),
                tf("apply -input=false -no-color -auto-approve -var app_version=1.1.0")));
    expected.addAll(DEAD_LETTERS);
    assertEquals(expected, calls());
    assertTrue(
        rollback.evidence().contains("realtime traffic 100% to realtime-service-00002-kaw"),
        rollback.evidence());
  }

  @Test
  void aDryRunRunsOnlyWhatReadsAndPrintsThePlan() throws Exception {
    String deploy = deployment("1.2.0", true).deploy();
    assertEquals(
        List.of(
            SOURCE_12,
            IMAGE_12,
            tf("init -input=false -no-color"),
            tf("plan -input=false -no-color -var app_version=1.2.0 -out=release-1.2.0.tfplan")),
        calls());
    assertTrue(
        deploy.endsWith(
            "dry run, would run: "
                + tf("apply -input=false -no-color release-1.2.0.tfplan")
                + " && "
                + TRAFFIC
                + "--to-latest --quiet && "
                + repo.resolve("terraform/scripts/attach-dead-letters.sh")
                + " staging"),
        deploy);

    Files.delete(state.resolve("calls.log"));
    Deployment.Rollback rollback = deployment("1.2.0", true).rollback();
    assertTrue(
        calls().stream()
            .noneMatch(call -> call.contains("update-traffic") || call.contains(" apply ")),
        calls().toString());
    assertTrue(
        rollback
            .evidence()
            .contains(
                "would run: gcloud run services update-traffic realtime-service --project=utalk-staging "
                    + "--region=us-central1 --to-revisions=realtime-service-00002-kaw=100 --quiet && "
                    + tf("apply")),
        rollback.evidence());
  }

  @Test
  void aCanaryPinsTheServingRevisionBeforeTheApplyThenGivesTheNewTaggedRevisionItsShare()
      throws Exception {
    cli.publish("1.3.0");
    cli.applyCreatesRevision("realtime-service-00004-luv", "1.3.0");
    String evidence = cli.canary("1.3.0", 10, false).deploy();
    List<String> expected =
        new java.util.ArrayList<>(
            List.of(
                "gcloud storage objects describe gs://utalk-staging-function-source/functions-1.3.0.zip --format=json",
                "gcloud artifacts docker images describe us-central1-docker.pkg.dev/utalk-staging/utalk/realtime-service:1.3.0 --format=json",
                tf("init -input=false -no-color"),
                tf("plan -input=false -no-color -var app_version=1.3.0 -out=release-1.3.0.tfplan"),
                "gcloud run services describe realtime-service --project=utalk-staging --region=us-central1 --format=json",
                // pinned by name: the revision the apply creates starts without traffic
                TRAFFIC + "--to-revisions=realtime-service-00003-fod=100 --quiet",
                tf("apply -input=false -no-color release-1.3.0.tfplan"),
                "gcloud run revisions list --service=realtime-service --project=utalk-staging --region=us-central1 --format=json",
                TRAFFIC + "--update-tags=v1-3-0=realtime-service-00004-luv --quiet",
                TRAFFIC + "--to-tags=v1-3-0=10 --quiet"));
    expected.addAll(DEAD_LETTERS);
    assertEquals(expected, calls());
    assertTrue(
        evidence.contains("realtime traffic pinned on realtime-service-00003-fod=100")
            && evidence.contains(
                "canary: realtime-service-00004-luv (tag v1-3-0) takes 10% of realtime traffic"),
        evidence);
  }

  @Test
  void aCanaryWhoseApplyCreatedNoRevisionLeavesTheTrafficPinned() throws Exception {
    cli.publish("1.3.0"); // the apply changes the functions only: no realtime revision of 1.3.0
    IllegalStateException none =
        assertThrows(IllegalStateException.class, () -> cli.canary("1.3.0", 10, false).deploy());
    assertTrue(
        none.getMessage().contains("created no revision of realtime-service running 1.3.0"),
        none.getMessage());
    assertTrue(
        calls().stream()
            .noneMatch(call -> call.contains("--update-tags") || call.contains("--to-tags")),
        calls().toString());
  }

  @Test
  void aCanaryStopsBeforeTheApplyWhenNoRevisionServes() throws Exception {
    cli.publish("1.3.0");
    Files.writeString(
        state.resolve("service.json"), "{\"status\": {\"traffic\": [{\"percent\": 0}]}}");
    IllegalStateException unknown =
        assertThrows(IllegalStateException.class, () -> cli.canary("1.3.0", 10, false).deploy());
    assertTrue(unknown.getMessage().contains("reports no revision serving"), unknown.getMessage());
    assertTrue(calls().stream().noneMatch(call -> call.contains(" apply ")), calls().toString());
  }

  @Test
  void aCanaryDryRunPlansThePinTheApplyAndTheSplit() throws Exception {
    cli.publish("1.3.0");
    String deploy = cli.canary("1.3.0", 25, true).deploy();
    assertTrue(
        calls().stream().noneMatch(call -> call.contains("update-traffic")), calls().toString());
    assertTrue(
        deploy.contains(
            "would run: "
                + TRAFFIC
                + "--to-revisions=realtime-service-00003-fod=100 --quiet && "
                + tf("apply -input=false -no-color release-1.3.0.tfplan")
                + " && "
                + TRAFFIC
                + "--update-tags=v1-3-0=<the revision apply creates> --quiet && "
                + TRAFFIC
                + "--to-tags=v1-3-0=25 --quiet"),
        deploy);
  }

  @Test
  void aCanaryTakesOneToNinetyNinePercentOfTheCloudTraffic() {
    assertThrows(IllegalArgumentException.class, () -> cli.canary("1.3.0", 100, false));
    for (String wrong : List.of("0", "100", "ten", "-5")) {
      assertThrows(
          com.utalk.ops.cli.UsageException.class,
          () -> DuringRelease.canaryPercent(optionsOnly("--env", "prod", "--canary", wrong)),
          wrong);
    }
    assertEquals(10, DuringRelease.canaryPercent(optionsOnly("--env", "prod", "--canary", "10")));
    assertEquals(0, DuringRelease.canaryPercent(optionsOnly("--env", "prod")));
  }

  private static OpsContext optionsOnly(String... args) {
    return new OpsContext(
        Options.parse(List.of(args)),
        () -> {
          throw new AssertionError("no target needed");
        },
        Confirmation.assumeYes(),
        "test",
        "ops-test",
        Clock.systemUTC());
  }

  @Test
  void theRollbackPlanNamesThePreviousRevisionAndItsArtifacts() throws Exception {
    // releasing 1.3.0 while 1.2.0 serves: 1.2.0 is what a rollback goes back to
    String plan = deployment("1.3.0", false).rollbackPlan("1.3.0");
    assertTrue(
        plan.startsWith(
            "roll back to 1.2.0 (revision realtime-service-00003-fod): gs://utalk-staging-function-source/functions-1.2.0.zip"),
        plan);
    // 1.2.0 already serves (a re-run): the one before it
    assertTrue(
        deployment("1.2.0", false)
            .rollbackPlan("1.2.0")
            .startsWith("roll back to 1.1.0 (revision realtime-service-00002-kaw)"));
    Files.delete(state.resolve("images/1.1.0"));
    CommandRunner.CommandFailed missing =
        assertThrows(
            CommandRunner.CommandFailed.class,
            () -> deployment("1.2.0", false).rollbackPlan("1.2.0"));
    assertTrue(
        missing
            .getMessage()
            .contains(
                "Image not found: us-central1-docker.pkg.dev/utalk-staging/utalk/realtime-service:1.1.0"),
        missing.getMessage());
  }
}
