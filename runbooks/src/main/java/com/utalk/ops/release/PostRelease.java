package com.utalk.ops.release;

import com.google.cloud.monitoring.v3.MetricServiceClient;
import com.utalk.ops.cli.Evidence;
import com.utalk.ops.cli.Finding;
import com.utalk.ops.cli.OpsContext;
import com.utalk.ops.environment.CloudTarget;
import com.utalk.ops.environment.LocalTarget;
import com.utalk.platform.FunctionCatalog;
import com.utalk.platform.FunctionSpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The document's "Post-Liberación" checklist as a watch window over the gateway's merged {@code
 * /metrics} locally (every function process), over Cloud Monitoring in the cloud ({@link
 * CloudMonitoringSampler}, steps of at least 60 s), with the automatic rollback: the previous
 * version serves again, and the rollback is audited and announced (RollbackAnnouncement).
 */
final class PostRelease {
  /** The audit action of a rollback (what {@code release diagnose} looks for). */
  static final String ROLLBACK_ACTION = com.utalk.audit.AuditActions.RELEASE_ROLLBACK;

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private PostRelease() {}

  /**
   * The services the cloud watch reads: every HTTP function (the agents' API, the webhooks) and the
   * realtime service.
   */
  static final List<String> WATCHED_SERVICES =
      java.util.stream.Stream.concat(
              FunctionCatalog.FUNCTIONS.stream()
                  .filter(FunctionSpec::isHttp)
                  .map(FunctionSpec::name),
              java.util.stream.Stream.of("realtime-service"))
          .toList();

  /**
   * Cloud Monitoring's shortest alignment period, and how far behind "now" its newest data is
   * complete enough.
   */
  static final Duration CLOUD_MIN_STEP = Duration.ofSeconds(60);

  static final Duration CLOUD_LAG = Duration.ofSeconds(60);

  static Finding run(OpsContext context, ReleaseInputs inputs) throws Exception {
    if (context.target() instanceof CloudTarget cloud) {
      ReleaseInputs stepped =
          inputs.step().compareTo(CLOUD_MIN_STEP) < 0 ? inputs.withStep(CLOUD_MIN_STEP) : inputs;
      try (MetricServiceClient client = MetricServiceClient.create()) {
        return watch(
            context,
            stepped,
            new CloudMonitoringSampler(
                client,
                cloud.environment().projectId(),
                WATCHED_SERVICES,
                context.clock(),
                CLOUD_LAG,
                CLOUD_MIN_STEP),
            DuringRelease.deployment(context, inputs));
      }
    }
    if (!(context.target() instanceof LocalTarget local)) {
      throw new IllegalStateException("no watch for the target " + context.target().name());
    }
    String metricsUrl =
        context.options().find("metrics-url").orElse(local.config().gatewayUrl() + "/metrics");
    return watch(
        context,
        inputs,
        scraper(metricsUrl),
        new LocalDeployment(local.config(), inputs.version(), Map.of()));
  }

  /** The watch and its verdict; the test calls it with a failing build and its deployment. */
  static Finding watch(
      OpsContext context,
      ReleaseInputs inputs,
      Supplier<MetricsSample> scrape,
      Deployment deployment)
      throws Exception {
    ReleaseWatch.Outcome outcome =
        new ReleaseWatch(scrape, deployment, context.clock())
            .watch(
                inputs.window(),
                inputs.step(),
                new RollbackRule(RollbackRule.THRESHOLD, inputs.rollbackAfter()));
    List<Evidence> evidence = new ArrayList<>();
    evidence.add(
        Evidence.of(
            "watch",
            "window "
                + inputs.window().toSeconds()
                + " s, every "
                + inputs.step().toSeconds()
                + " s; rollback when errors > 5% for "
                + inputs.rollbackAfter().toSeconds()
                + " s"));
    evidence.addAll(outcome.evidence());
    if (outcome.rolledBack() && outcome.rollback() == null) {
      return Finding.problem(
          "✘ release "
              + inputs.version()
              + " must be rolled back (error rate above 5% for "
              + inputs.rollbackAfter().toSeconds()
              + " s) and the automatic rollback failed",
          "roll back by hand: " + context.command("release rollback --yes"),
          evidence);
    }
    if (outcome.rolledBack()) {
      evidence.addAll(
          RollbackAnnouncement.announce(
              context,
              inputs,
              outcome.rollback(),
              Map.of(
                  "reason",
                  "automatic: error rate above 5% for " + inputs.rollbackAfter().toSeconds() + " s",
                  "rolledBackAfterSeconds",
                  outcome.rolledBackAfter().toSeconds())));
      return Finding.problem(
          "✘ release "
              + outcome.rollback().from()
              + " rolled back automatically to "
              + outcome.rollback().to()
              + ": error rate above 5% for "
              + inputs.rollbackAfter().toSeconds()
              + " s",
          "find the cause in the new build's logs before releasing again",
          evidence);
    }
    if (!outcome.breaches().isEmpty()) {
      return Finding.problem(
          "✘ release "
              + inputs.version()
              + " outside its targets: "
              + String.join(", ", outcome.breaches()),
          "investigate; roll back by hand if it does not recover",
          evidence);
    }
    boolean judged = evidence.stream().noneMatch(item -> item.name().equals("not judged"));
    return new Finding(
        Finding.Outcome.OK,
        "✔ release "
            + inputs.version()
            + (judged
                ? " within its targets for the whole window"
                : ": no error-rate breach; too little traffic to judge p95 and availability"),
        null,
        evidence);
  }

  static Supplier<MetricsSample> scraper(String url) {
    return () -> {
      try {
        HttpResponse<String> response =
            HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(10))
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
          throw new IllegalStateException(url + " answered " + response.statusCode());
        }
        return MetricsSample.parse(response.body());
      } catch (java.io.IOException e) {
        throw new IllegalStateException(url + " did not answer: " + e.getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    };
  }
}
