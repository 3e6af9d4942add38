package com.utalk.terraform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks 1 and 2: `terraform fmt -check -recursive` is clean and every file parses. */
class FormatAndParseTest {
  private static final String TERRAFORM = System.getProperty("terraform.binary", "terraform");

  private static Tools.Run fmtCheck(Path dir) {
    return Tools.run(dir, List.of(TERRAFORM, "fmt", "-check", "-recursive", "-no-color"));
  }

  @Test
  void terraformFmtIsClean() {
    Tools.Run run = fmtCheck(Checks.REPO.terraform());
    assertEquals(
        0,
        run.exitCode(),
        "terraform fmt -check -recursive terraform/ lists files to format:\n"
            + run.stdout()
            + run.stderr());
  }

  @Test
  void anUnformattedFileFailsTheFormatCheck(@TempDir Path dir) throws IOException {
    Files.writeString(
        dir.resolve("main.tf"), "resource \"google_pubsub_topic\" \"t\" {\nname=\"t\"\n}\n");
    Tools.Run run = fmtCheck(dir);
    assertNotEquals(0, run.exitCode());
    assertTrue(run.stdout().contains("main.tf"), run.stdout());
  }

  @Test
  void everyTerraformFileParses() {
    HclFiles tree = Checks.tree();
    assertEquals(Map.of(), tree.errors());
    // modules and environments: every part the issue lists, and three environments
    for (String module :
        List.of(
            "utalk",
            "platform",
            "firestore",
            "pubsub",
            "functions",
            "realtime",
            "scheduler",
            "secrets",
            "storage",
            "monitoring",
            "logging",
            "gateway")) {
      assertTrue(!tree.module(Checks.REPO.modules().resolve(module)).isEmpty(), "module " + module);
    }
    for (String env : Environments.NAMES) {
      assertTrue(
          tree.parsed().containsKey(Checks.REPO.environment(env).resolve("backend.tf")),
          env + "/backend.tf");
      assertTrue(
          tree.parsed().containsKey(Checks.REPO.environment(env).resolve("terraform.tfvars")),
          env + "/terraform.tfvars");
    }
  }

  @Test
  void aSyntaxErrorIsReportedWithItsFileAndLine(@TempDir Path dir) throws IOException {
    Files.writeString(
        dir.resolve("broken.tf"), "resource \"google_pubsub_topic\" \"t\" {\n  name = \n}\n");
    HclFiles parsed = HclFiles.parse(Checks.REPO, List.of(dir));
    String error = parsed.errors().get(dir.resolve("broken.tf"));
    assertTrue(error != null && error.contains("broken.tf:2"), String.valueOf(error));
  }
}
