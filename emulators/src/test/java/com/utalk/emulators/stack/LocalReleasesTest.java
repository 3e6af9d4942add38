package com.utalk.emulators.stack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.utalk.config.Settings;
import com.utalk.platform.FunctionCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Versioned local releases on a small repository laid out as the build leaves it (classes, the
 * runtime class path file, a project jar in the tree and a library jar outside it).
 */
class LocalReleasesTest {
  @TempDir Path temp;
  private Path repo;
  private Path library;
  private StackConfig config;

  @BeforeEach
  void aBuiltRepository() throws IOException {
    repo = Files.createDirectories(temp.resolve("repo"));
    library =
        Files.writeString(
            Files.createDirectories(temp.resolve("m2/org/lib/1.0")).resolve("lib-1.0.jar"),
            "third-party");
    Path sharedJar =
        Files.writeString(
            Files.createDirectories(repo.resolve("shared/target")).resolve("utalk-shared.jar"),
            "shared v1");
    for (String module : LocalReleases.MODULES) {
      Path classes = Files.createDirectories(repo.resolve(module + "/target/classes/com/utalk"));
      Files.writeString(classes.resolve("Main.class"), module + " v1");
      Files.writeString(
          repo.resolve(module + "/target/runtime-classpath.txt"), sharedJar + ":" + library);
    }
    config =
        StackConfig.from(
            Settings.of(
                Map.of(
                    "UTALK_REPO_ROOT",
                    repo.toString(),
                    "UTALK_RUN_DIR",
                    temp.resolve("run").toString())));
  }

  @Test
  void aRecordedReleaseKeepsItsOwnCopiesWhateverIsBuiltLater() throws IOException {
    LocalReleases releases = LocalReleases.of(config);
    LocalReleases.Release release = releases.record("1.0.0", Map.of());
    assertTrue(releases.incomplete("1.0.0").isEmpty());
    assertEquals(LocalReleases.MODULES, List.copyOf(release.modules().keySet()));

    Files.writeString(
        repo.resolve("functions/target/classes/com/utalk/Main.class"), "functions v2, rebuilt");
    Files.writeString(repo.resolve("shared/target/utalk-shared.jar"), "shared v2, reinstalled");
    Path copied =
        releases
            .dir("1.0.0")
            .resolve(release.modules().get("functions").classes())
            .resolve("com/utalk/Main.class");
    assertEquals("functions v1", Files.readString(copied));
    Path copiedJar =
        releases.dir("1.0.0").resolve(release.modules().get("functions").project().get(0));
    assertEquals("shared v1", Files.readString(copiedJar));
    assertArrayEquals(
        Files.readAllBytes(library),
        Files.readAllBytes(
            releases.dir("1.0.0").resolve(release.modules().get("functions").libraries().get(0))));
  }

  @Test
  void deployAndRollBackSwitchWhatTheServicesStartFrom() throws IOException {
    LocalReleases releases = LocalReleases.of(config);
    assertTrue(
        releases.currentBuild("functions").isEmpty(), "no release deployed: the build on disk");
    releases.record("1.0.0", Map.of());
    releases.deploy("1.0.0");
    releases.record("1.1.0", Map.of("RELEASE_FAULT", "api-503"));
    LocalReleases.Manifest manifest = releases.deploy("1.1.0");
    assertEquals("1.1.0", manifest.current());
    assertEquals("1.0.0", manifest.previous());

    ModuleBuild serving = releases.currentBuild("functions").orElseThrow();
    assertNull(serving.problem());
    assertTrue(serving.classes().startsWith(releases.dir("1.1.0")), serving.classes().toString());
    assertEquals(Map.of("RELEASE_FAULT", "api-503"), serving.env());
    assertEquals(
        "1.1.0",
        stampedVersion(serving.project().get(0)),
        "the release's version, ahead of shared's build.properties");
    ServiceSpec host = LocalServices.named(config, "functions-host");
    String libraries = host.command().get(host.command().indexOf("--libraries") + 1);
    String project = host.command().get(host.command().indexOf("--project") + 1);
    assertTrue(
        project.startsWith(releases.dir("1.1.0").toString())
            && !project.contains(library.toString()),
        project);
    assertTrue(
        libraries.startsWith(releases.dir("1.1.0").toString()),
        "the release's libraries, shared by the functions: " + libraries);
    // the host's project class path: the functions' classes, then the stamp ahead of shared's jar
    assertEquals("1.1.0", stampedVersion(project.split(java.io.File.pathSeparator)[1]));
    assertEquals(
        "1.1.0",
        stampedVersion(releases.currentBuild("realtime-service").orElseThrow().classpath().get(1)));
    assertTrue(
        host.problem() != null,
        "the fake classes hold no function entry point: "
            + FunctionCatalog.FUNCTIONS.get(0).entryPoint());

    manifest = releases.rollback();
    assertEquals("1.0.0", manifest.current());
    assertNull(manifest.previous());
    assertEquals(
        "1.0.0",
        stampedVersion(releases.currentBuild("realtime-service").orElseThrow().project().get(0)));
    assertTrue(
        releases.currentBuild("realtime-service").orElseThrow().env().get("RELEASE_FAULT") == null);
    IllegalStateException none = assertThrows(IllegalStateException.class, releases::rollback);
    assertTrue(none.getMessage().contains("no previous release"), none.getMessage());
  }

  @Test
  void anIncompletePreviousReleaseIsNamedAndNotRolledBackTo() throws IOException {
    LocalReleases releases = LocalReleases.of(config);
    LocalReleases.Release old = releases.record("1.0.0", Map.of());
    releases.deploy("1.0.0");
    releases.record("1.1.0", Map.of());
    releases.deploy("1.1.0");
    Path jar =
        releases.dir("1.0.0").resolve(old.modules().get("realtime-service").libraries().get(0));
    Files.delete(jar);
    assertEquals(jar + " is missing", releases.incomplete("1.0.0").orElseThrow());
    IllegalStateException refused = assertThrows(IllegalStateException.class, releases::rollback);
    assertTrue(refused.getMessage().contains("not complete"), refused.getMessage());
    assertEquals("1.1.0", releases.manifest().current(), "nothing switched");

    Files.write(jar, "changed".getBytes(StandardCharsets.UTF_8));
    assertTrue(releases.incomplete("1.0.0").orElseThrow().contains("changed size"));
  }

  @Test
  void aMissingReleaseIsAProblemTheStackNamesBeforeStarting() throws IOException {
    LocalReleases releases = LocalReleases.of(config);
    releases.record("1.0.0", Map.of());
    releases.deploy("1.0.0");
    ClasspathSnapshot.delete(releases.dir("1.0.0"));
    assertTrue(
        LocalServices.named(config, "realtime-service").problem().contains("release 1.0.0 serves"),
        LocalServices.named(config, "realtime-service").problem());
  }

  @Test
  void aVersionThatIsNotAVersionNameIsRefusedBeforeAnyPathIsMade() {
    LocalReleases releases = LocalReleases.of(config);
    for (String version : List.of("../../etc", "-rf", "", "1.0/x")) {
      IllegalArgumentException refused =
          assertThrows(
              IllegalArgumentException.class, () -> releases.record(version, Map.of()), version);
      assertEquals("not a version: " + version, refused.getMessage());
    }
  }

  @Test
  void aCompleteVersionIsRecordedOnceAndDeployingItAgainChangesNothing() throws IOException {
    LocalReleases releases = LocalReleases.of(config);
    LocalReleases.Release first = releases.record("1.0.0", Map.of());
    releases.deploy("1.0.0");
    Files.writeString(
        repo.resolve("functions/target/classes/com/utalk/Main.class"), "functions v2, rebuilt");

    LocalReleases.Release again = releases.record("1.0.0", Map.of("RELEASE_FAULT", "x"));
    LocalReleases.Manifest redeployed = releases.deploy("1.0.0");

    assertEquals(Map.of(), again.settings(), "the recorded release is reused as it is");
    assertEquals(
        "functions v1",
        Files.readString(
            releases
                .dir("1.0.0")
                .resolve(first.modules().get("functions").classes())
                .resolve("com/utalk/Main.class")),
        "the files a running service may use are left as they are");
    assertEquals(List.of("1.0.0"), redeployed.history());
  }

  @Test
  void theServingVersionCannotBeRecordedAgainOnceItIsIncomplete() throws IOException {
    LocalReleases releases = LocalReleases.of(config);
    LocalReleases.Release release = releases.record("1.0.0", Map.of());
    releases.deploy("1.0.0");
    Files.delete(
        releases.dir("1.0.0").resolve(release.modules().get("functions").libraries().get(0)));

    IllegalStateException refused =
        assertThrows(IllegalStateException.class, () -> releases.record("1.0.0", Map.of()));

    assertTrue(
        refused.getMessage().startsWith("release 1.0.0 serves and is incomplete (")
            && refused.getMessage().endsWith("is missing); cut a new version"),
        refused.getMessage());
  }

  @Test
  void aModuleThatIsNotBuiltIsNamedAndNothingIsRecorded() throws IOException {
    LocalReleases releases = LocalReleases.of(config);
    Files.delete(repo.resolve("realtime-service/target/runtime-classpath.txt"));

    IllegalStateException noClasspath =
        assertThrows(IllegalStateException.class, () -> releases.record("2.0.0", Map.of()));
    ClasspathSnapshot.delete(repo.resolve("realtime-service/target"));
    IllegalStateException noClasses =
        assertThrows(IllegalStateException.class, () -> releases.record("2.0.0", Map.of()));

    assertEquals(
        "cannot record 2.0.0: realtime-service is not built (realtime-service/target/"
            + "runtime-classpath.txt is missing (its pom must run dependency:build-classpath);"
            + " mvn -q -B install -DskipTests)",
        noClasspath.getMessage());
    assertTrue(
        noClasses
            .getMessage()
            .startsWith(
                "cannot record 2.0.0: realtime-service is not built ("
                    + repo.resolve("realtime-service/target/classes")
                    + " is missing"),
        noClasses.getMessage());
    assertTrue(releases.release("2.0.0").isEmpty());
  }

  @Test
  void aReleaseLackingAModuleIsIncomplete() throws IOException {
    LocalReleases releases = LocalReleases.of(config);
    releases.record("1.0.0", Map.of());
    Path file = releases.dir("1.0.0").resolve("release.json");
    com.fasterxml.jackson.databind.node.ObjectNode release =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            com.utalk.json.Json.read(Files.readAllBytes(file));
    ((com.fasterxml.jackson.databind.node.ObjectNode) release.get("modules"))
        .remove("realtime-service");
    Files.write(file, com.utalk.json.Json.writeBytes(release));

    String problem = releases.incomplete("1.0.0").orElseThrow();

    assertTrue(problem.startsWith("1.0.0 lacks a module: has [functions"), problem);
    IllegalStateException refused =
        assertThrows(IllegalStateException.class, () -> releases.deploy("1.0.0"));
    assertTrue(refused.getMessage().contains("is not complete"), refused.getMessage());
  }

  /** The version a class path entry stamps (what {@code BuildVersion} reads first). */
  private static String stampedVersion(String entry) throws IOException {
    String text = Files.readString(Path.of(entry, "com/utalk/config/build.properties"));
    assertTrue(text.startsWith("version="), text);
    return text.substring("version=".length()).trim();
  }
}
