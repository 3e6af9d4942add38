package com.utalk.ops.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.firestore.QueryDocumentSnapshot;
import com.google.cloud.monitoring.v3.MetricServiceClient;
import com.utalk.ops.cli.Finding;
import com.utalk.testing.TestEnvironment;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code release post --env staging}: the watch reads Cloud Monitoring through the real client
 * (against {@link MonitoringStandIn}, which checks every query) and rolls back through {@link
 * CloudDeployment} (against the recording gcloud/terraform stand-ins). Steps of 1 s here instead of
 * the cloud's 60 s, so it runs in seconds.
 */
class CloudWatchTest {
  private static final List<String> SERVICES = PostRelease.WATCHED_SERVICES;
  @TempDir Path temp;
  private TestEnvironment env;
  private CliStandIns cli;
  private MonitoringStandIn monitoring;
  private MetricServiceClient client;

  @BeforeEach
  void start() throws Exception {
    env = TestEnvironment.create();
    cli = new CliStandIns(temp);
    monitoring = new MonitoringStandIn("utalk-staging", SERVICES);
    client = monitoring.client();
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    monitoring.close();
    env.close();
  }

  private Finding watch(Duration window, Duration rollbackAfter) throws Exception {
    ReleaseInputs inputs =
        new ReleaseInputs(Path.of(".."), "1.2.0", window, Duration.ofSeconds(1), rollbackAfter);
    CloudMonitoringSampler sampler =
        new CloudMonitoringSampler(
            client,
            "utalk-staging",
            SERVICES,
            Clock.systemUTC(),
            Duration.ZERO,
            Duration.ofSeconds(1));
    return PostRelease.watch(
        EmulatorContext.of(env, "--env", "staging"),
        inputs,
        sampler,
        cli.deployment("1.2.0", false));
  }

  @Test
  void aHealthyReleasePassesTheWatchOnCloudMonitoring() throws Exception {
    Finding finding = watch(Duration.ofSeconds(4), Duration.ofSeconds(2));
    assertEquals(List.of(), monitoring.refused);
    assertEquals(
        Finding.Outcome.OK, finding.outcome(), finding.verdict() + " " + finding.evidence());
    assertTrue(
        finding.verdict().contains("within its targets for the whole window"), finding.verdict());
    String evidence = finding.evidence().toString();
    assertTrue(evidence.contains("error rate, value=0.00% (target < 1%)"), evidence);
    java.util.regex.Matcher p95 =
        java.util.regex.Pattern.compile("p95 latency, value=(\\d+) ms").matcher(evidence);
    assertTrue(
        p95.find() && Integer.parseInt(p95.group(1)) > 50 && Integer.parseInt(p95.group(1)) < 100,
        "90% under 50 ms, the rest under 100 ms: " + evidence);
    assertTrue(
        monitoring.received.size() >= 9, "three queries per step: " + monitoring.received.size());
    assertEquals(List.of(), cli.calls(), "nothing rolled back");
  }

  @Test
  void aFailingReleaseIsRolledBackThroughTheCloudDeployment() throws Exception {
    monitoring.errorShare = 0.3;
    long started = System.nanoTime();
    Finding finding = watch(Duration.ofSeconds(20), Duration.ofSeconds(2));
    long tookMs = (System.nanoTime() - started) / 1_000_000;
    assertEquals(List.of(), monitoring.refused);
    assertEquals(Finding.Outcome.PROBLEM, finding.outcome());
    assertTrue(
        finding.verdict().startsWith("✘ release 1.2.0 rolled back automatically to 1.1.0"),
        finding.verdict());
    assertTrue(tookMs < 20_000, "within the window: " + tookMs + " ms");
    List<String> calls = cli.calls();
    assertTrue(
        calls.contains(
            "gcloud run services update-traffic realtime-service --project=utalk-staging --region=us-central1 "
                + "--to-revisions=realtime-service-00002-kaw=100 --quiet"),
        calls.toString());
    assertTrue(
        calls.contains(cli.tf("apply -input=false -no-color -auto-approve -var app_version=1.1.0")),
        calls.toString());
    List<QueryDocumentSnapshot> audit =
        env.firestore()
            .collection("auditLogs")
            .whereEqualTo("action", "release.rollback")
            .get()
            .get()
            .getDocuments();
    assertEquals(1, audit.size());
    assertEquals("1.2.0", audit.get(0).getString("targetId"));
  }
}
