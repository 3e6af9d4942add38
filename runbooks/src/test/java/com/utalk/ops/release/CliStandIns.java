package com.utalk.ops.release;

import com.utalk.ops.environment.CloudEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

/**
 * Recording stand-ins for gcloud and terraform (src/test/resources/cli-standins) first on PATH, the
 * state they answer from (staging's realtime revisions for 1.0.0, 1.1.0 and 1.2.0 — 1.2.0 newest —,
 * the source objects and images of 1.1.0 and 1.2.0, the service with all its traffic on 1.2.0's
 * revision), and a repository folder with staging's environment directory and the real
 * attach-dead-letters.sh.
 */
final class CliStandIns {
  final Path state;
  final Path repo;
  final Path envDir;
  final CloudEnvironment staging;
  private final Path bin;

  CliStandIns(Path temp) throws IOException {
    bin = Files.createDirectories(temp.resolve("bin"));
    for (String tool : List.of("gcloud", "terraform")) {
      try (InputStream script = CliStandIns.class.getResourceAsStream("/cli-standins/" + tool)) {
        Files.copy(script, bin.resolve(tool));
      }
      Files.setPosixFilePermissions(
          bin.resolve(tool), PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    state = Files.createDirectories(temp.resolve("state"));
    Files.createDirectories(state.resolve("objects"));
    Files.createDirectories(state.resolve("images"));
    for (String version : List.of("1.1.0", "1.2.0")) {
      publish(version);
    }
    Files.writeString(state.resolve("revisions.json"), "[" + REVISIONS + "]");
    Files.writeString(
        state.resolve("service.json"),
        """
        {"apiVersion": "serving.knative.dev/v1", "kind": "Service",
         "metadata": {"name": "realtime-service"},
         "status": {"latestCreatedRevisionName": "realtime-service-00003-fod",
                    "latestReadyRevisionName": "realtime-service-00003-fod",
                    "traffic": [{"latestRevision": true, "percent": 100,
                                 "revisionName": "realtime-service-00003-fod"}]}}
        """);
    repo = temp.resolve("repo");
    envDir = Files.createDirectories(repo.resolve("terraform/environments/staging"));
    Path script =
        Files.createDirectories(repo.resolve("terraform/scripts"))
            .resolve("attach-dead-letters.sh");
    Files.copy(Path.of("../terraform/scripts/attach-dead-letters.sh"), script);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    staging =
        CloudEnvironment.parse(
            "staging",
            Files.readString(Path.of("../terraform/environments/staging/terraform.tfvars")));
  }

  /** Staging's realtime revisions as gcloud lists them (unsorted, as the real list may be). */
  private static final String REVISIONS =
      """
      {"apiVersion": "serving.knative.dev/v1", "kind": "Revision",
       "metadata": {"name": "realtime-service-00002-kaw", "creationTimestamp": "2025-01-02T09:00:00.000000Z",
                  "labels": {"serving.knative.dev/service": "realtime-service"}},
       "spec": {"containers": [{"image": "us-central1-docker.pkg.dev/utalk-staging/utalk/realtime-service:1.1.0",
                              "env": [{"name": "SERVICE_NAME", "value": "realtime-service"}]}]}},
      {"apiVersion": "serving.knative.dev/v1", "kind": "Revision",
       "metadata": {"name": "realtime-service-00003-fod", "creationTimestamp": "2025-04-02T10:00:00.000000Z",
                  "labels": {"serving.knative.dev/service": "realtime-service"}},
       "spec": {"containers": [{"image": "us-central1-docker.pkg.dev/utalk-staging/utalk/realtime-service:1.2.0"}]}},
      {"apiVersion": "serving.knative.dev/v1", "kind": "Revision",
       "metadata": {"name": "realtime-service-00001-maz", "creationTimestamp": "2024-07-02T09:00:00.000000Z"},
       "spec": {"containers": [{"image": "us-central1-docker.pkg.dev/utalk-staging/utalk/realtime-service:1.0.0"}]}}
      """;

  /** The next {@code terraform apply} creates a revision of {@code version} named {@code name}. */
  void applyCreatesRevision(String name, String version) throws IOException {
    Files.writeString(
        state.resolve("revisions-after-apply.json"),
        "[{\"metadata\": {\"name\": \""
            + name
            + "\", \"creationTimestamp\": \"2025-06-02T10:00:00.000000Z\"},"
            + " \"spec\": {\"containers\": [{\"image\":"
            + " \"us-central1-docker.pkg.dev/utalk-staging/utalk/realtime-service:"
            + version
            + "\"}]}},"
            + REVISIONS
            + "]");
  }

  /** The version's source object and image are in the environment's bucket and registry. */
  void publish(String version) throws IOException {
    Files.writeString(state.resolve("objects/functions-" + version + ".zip"), "zip of " + version);
    Files.writeString(state.resolve("images/" + version), "ab12cd34" + version.replace(".", ""));
  }

  CommandRunner runner(boolean dryRun) {
    return new CommandRunner(
        Map.of("PATH", bin + ":" + System.getenv("PATH"), "STANDIN_DIR", state.toString()), dryRun);
  }

  CloudDeployment deployment(String version, boolean dryRun) {
    return new CloudDeployment(staging, repo, version, runner(dryRun));
  }

  CloudDeployment canary(String version, int percent, boolean dryRun) {
    return new CloudDeployment(staging, repo, version, runner(dryRun), percent);
  }

  /**
   * Every command the stand-ins were called with, in order (argv as bash's printf %q writes it).
   */
  List<String> calls() throws IOException {
    Path log = state.resolve("calls.log");
    return Files.exists(log)
        ? Files.readAllLines(log).stream().map(String::strip).toList()
        : List.of();
  }

  String tf(String args) {
    return "terraform -chdir=" + envDir + " " + args;
  }
}
