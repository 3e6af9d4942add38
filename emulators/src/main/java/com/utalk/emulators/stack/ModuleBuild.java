package com.utalk.emulators.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What a service process starts from: its module's classes, the project's own jars and the
 * third-party libraries (kept apart: the functions host shares only the libraries between
 * functions), and the environment that version adds (a release's settings; its version is a stamp
 * on the class path, {@link LocalReleases}). Either the build on disk ({@code module/target}) or a
 * deployed release's copies ({@link LocalReleases}). {@code problem} is non-null when it cannot be
 * started as a whole (a release that is not complete, a class path file missing); the service
 * checks its classes after.
 */
record ModuleBuild(
    String origin,
    Path classes,
    List<String> project,
    List<String> libraries,
    Map<String, String> env,
    String problem) {
  ModuleBuild {
    project = List.copyOf(project);
    libraries = List.copyOf(libraries);
    env = Map.copyOf(env);
  }

  /**
   * {@code module/target/classes} plus the {@code target/runtime-classpath.txt} its pom writes
   * (dependency:build-classpath).
   */
  static ModuleBuild onDisk(Path module, Path repoRoot) {
    Path file = module.resolve("target/runtime-classpath.txt");
    List<String> project = new ArrayList<>();
    List<String> libraries = new ArrayList<>();
    String problem = null;
    if (Files.isRegularFile(file)) {
      for (String entry : read(file)) {
        (ClasspathSnapshot.isProjectEntry(entry, repoRoot) ? project : libraries).add(entry);
      }
    } else if (Files.isDirectory(module.resolve("target/classes"))) {
      // (not built at all: the service's own check names the missing classes)
      problem =
          repoRoot.relativize(file) + " is missing (its pom must run dependency:build-classpath)";
    }
    return new ModuleBuild(
        "the build on disk",
        module.resolve("target/classes"),
        project,
        libraries,
        Map.of(),
        problem);
  }

  /**
   * Classes first, then the project's jars, then the libraries: the order the build's class path
   * has.
   */
  List<String> classpath() {
    List<String> all = new ArrayList<>();
    all.add(classes.toString());
    all.addAll(project);
    all.addAll(libraries);
    return all;
  }

  private static List<String> read(Path file) {
    try {
      String text = Files.readString(file).trim();
      return text.isEmpty() ? List.of() : Arrays.asList(text.split(":"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
