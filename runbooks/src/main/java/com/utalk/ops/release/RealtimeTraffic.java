package com.utalk.ops.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.utalk.json.Json;
import com.utalk.ops.environment.CloudEnvironment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Who gets the realtime service's traffic, through {@code gcloud run services update-traffic}.
 * Terraform creates the service following its latest revision and then leaves the traffic alone
 * ({@code lifecycle.ignore_changes = [traffic]} in terraform/modules/realtime), so the release tool
 * owns it: a canary pins the traffic on what serves before {@code terraform apply} creates the new
 * revision (which then starts with none), tags the new revision {@code v<version>} and gives it its
 * share; a plain deploy hands the traffic back to the latest revision (a rollback may have pinned
 * it); a rollback pins it on the previous version's revision.
 */
final class RealtimeTraffic {
  private final CloudEnvironment environment;
  private final CommandRunner runner;

  RealtimeTraffic(CloudEnvironment environment, CommandRunner runner) {
    this.environment = environment;
    this.runner = runner;
  }

  /** One share of the traffic as Cloud Run reports it. */
  record Share(String revision, int percent) {}

  /** The revisions serving now and their shares, from the service's status. */
  List<Share> serving() throws Exception {
    JsonNode service =
        Json.read(
            runner
                .read(
                    List.of(
                        "gcloud",
                        "run",
                        "services",
                        "describe",
                        CloudEnvironment.REALTIME_SERVICE,
                        "--project=" + environment.projectId(),
                        "--region=" + environment.region(),
                        "--format=json"))
                .out()
                .getBytes(StandardCharsets.UTF_8));
    List<Share> shares = new ArrayList<>();
    for (JsonNode target : service.path("status").path("traffic")) {
      int percent = target.path("percent").asInt(0);
      if (percent > 0) {
        shares.add(new Share(target.path("revisionName").asText(), percent));
      }
    }
    if (shares.isEmpty()) {
      throw new IllegalStateException(
          CloudEnvironment.REALTIME_SERVICE
              + " in "
              + environment.projectId()
              + " reports no revision serving: nothing to pin the traffic on");
    }
    return shares;
  }

  /** The shares stay where they are whatever revision Terraform creates next. */
  String pin(List<Share> shares) throws Exception {
    String targets =
        String.join(",", shares.stream().map(s -> s.revision() + "=" + s.percent()).toList());
    updateTraffic("--to-revisions=" + targets);
    return "realtime traffic pinned on " + targets;
  }

  /** The new revision is tagged with its version and gets {@code percent} of the traffic. */
  String canary(String revision, String version, int percent) throws Exception {
    String tag = tag(version);
    updateTraffic("--update-tags=" + tag + "=" + revision);
    updateTraffic("--to-tags=" + tag + "=" + percent);
    return "canary: " + revision + " (tag " + tag + ") takes " + percent + "% of realtime traffic";
  }

  /** Every request to the latest revision again. */
  String toLatest() throws Exception {
    updateTraffic("--to-latest");
    return "realtime traffic 100% to the latest revision";
  }

  /** Every request to one revision (a rollback). */
  String toRevision(String revision) throws Exception {
    updateTraffic("--to-revisions=" + revision + "=100");
    return "realtime traffic 100% to " + revision;
  }

  /**
   * A Cloud Run revision tag: lower-case letters, digits and dashes ({@code 1.2.0} → {@code
   * v1-2-0}).
   */
  static String tag(String version) {
    return "v" + version.toLowerCase(Locale.ROOT).replaceAll("[^0-9a-z]", "-");
  }

  private void updateTraffic(String change) throws Exception {
    runner.change(
        List.of(
            "gcloud",
            "run",
            "services",
            "update-traffic",
            CloudEnvironment.REALTIME_SERVICE,
            "--project=" + environment.projectId(),
            "--region=" + environment.region(),
            change,
            "--quiet"));
  }
}
