package com.utalk.terraform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** Terraform deploys exactly the artifacts scripts/build-artifacts.sh names by version. */
class DeployArtifactsTest {
  @Test
  void theFunctionZipAndTheRealtimeImageAreNamedAlikeOnBothSides() throws IOException {
    HclFiles tree = Checks.tree();
    assertEquals(
        "functions-${var.app_version}.zip",
        tree.local(Checks.REPO.modules().resolve("functions"), "source_object").asText());
    assertTrue(
        tree.local(Checks.REPO.modules().resolve("realtime"), "image")
            .asText()
            .endsWith(
                "-docker.pkg.dev/${var.project_id}/utalk/realtime-service:${var.app_version}"));
    String script = Files.readString(Checks.REPO.terraform().resolve("scripts/build-artifacts.sh"));
    assertTrue(
        script.contains("\"$out/functions-$version.zip\""),
        "build-artifacts.sh must write functions-<version>.zip");
    assertTrue(
        script.contains("realtime-service-$version.jar"),
        "build-artifacts.sh must copy realtime-service-<version>.jar");
    String dockerfile =
        Files.readString(Checks.REPO.terraform().resolve("artifacts/realtime/Dockerfile"));
    assertTrue(dockerfile.contains("COPY realtime-service-${VERSION}.jar"), dockerfile);
  }
}
