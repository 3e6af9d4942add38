package com.utalk.emulators.stack;

import com.utalk.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Versioned local releases, so that a rollback really goes back to the previous version: each
 * deployed version's runnable artifacts — the functions' and the realtime service's classes, the
 * project's jars and the dependency class path — are copied into {@code <run>/releases/<version>/}
 * (third-party jars hard-linked when the file system allows: they are release versions and never
 * rewritten; the project's own entries copied, so a later {@code mvn install} cannot change a
 * release). {@code releases/manifest.json} records which version serves ({@code current}), the one
 * before it ({@code previous}) and the order they were deployed in. The stack starts its services
 * from the current release when there is one, else from the build on disk.
 */
public final class LocalReleases {
  /** The modules a release carries: what the functions host and the realtime service start from. */
  public static final List<String> MODULES = List.of("functions", "realtime-service");

  static final String MANIFEST = "manifest.json";
  static final String RELEASE_FILE = "release.json";

  /** Folder of a release holding its version stamp (see {@link #versionStamp}). */
  static final String VERSION_STAMP = "version-stamp";

  private final Path dir;
  private final Path repoRoot;

  /** Which version serves and the ones deployed before it, oldest first (the last is current). */
  public record Manifest(String current, String previous, List<String> history) {
    public Manifest {
      history = List.copyOf(history);
    }

    static Manifest of(List<String> history) {
      return new Manifest(
          history.isEmpty() ? null : history.get(history.size() - 1),
          history.size() < 2 ? null : history.get(history.size() - 2),
          history);
    }
  }

  /** One module's artifacts in a release, as paths relative to the release's folder. */
  public record ModuleFiles(String classes, List<String> project, List<String> libraries) {}

  /**
   * A recorded version: when it was cut, the settings it adds to its services' environment (a
   * release-level setting, e.g. {@code RELEASE_FAULT} for a rehearsal), its modules, and the size
   * of every file it holds (what "complete" is checked against).
   */
  public record Release(
      String version,
      Instant createdAt,
      Map<String, String> settings,
      Map<String, ModuleFiles> modules,
      Map<String, Long> files) {}

  LocalReleases(Path dir, Path repoRoot) {
    this.dir = dir;
    this.repoRoot = repoRoot;
  }

  public static LocalReleases of(StackConfig config) {
    return new LocalReleases(config.runDir().resolve("releases"), config.repoRoot());
  }

  public Path dir() {
    return dir;
  }

  public Path dir(String version) {
    if (!version.matches("[0-9A-Za-z][0-9A-Za-z.+_-]*")) {
      throw new IllegalArgumentException("not a version: " + version);
    }
    return dir.resolve(version);
  }

  public Manifest manifest() {
    Path file = dir.resolve(MANIFEST);
    if (!Files.isRegularFile(file)) {
      return Manifest.of(List.of());
    }
    try {
      return Json.read(Files.readAllBytes(file), Manifest.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Optional<Release> release(String version) {
    Path file = dir(version).resolve(RELEASE_FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Json.read(Files.readAllBytes(file), Release.class));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Records {@code version} from the build on disk. A version is recorded once: if it is already
   * here and complete it is reused as it is (a running service may be using its files).
   */
  public Release record(String version, Map<String, String> settings) throws IOException {
    Optional<Release> existing = release(version);
    if (existing.isPresent() && incomplete(version).isEmpty()) {
      return existing.get();
    }
    if (version.equals(manifest().current())) {
      throw new IllegalStateException(
          "release "
              + version
              + " serves and is incomplete ("
              + incomplete(version).orElse("")
              + "); cut a new version");
    }
    Path target = dir(version);
    ClasspathSnapshot.delete(target);
    Path staging = dir.resolve("." + version + ".partial");
    ClasspathSnapshot.delete(staging);
    Map<String, String> copies = new LinkedHashMap<>();
    Map<String, ModuleFiles> modules = new LinkedHashMap<>();
    for (String module : MODULES) {
      ModuleBuild build = ModuleBuild.onDisk(repoRoot.resolve(module), repoRoot);
      if (build.problem() != null || !Files.isDirectory(build.classes())) {
        throw new IllegalStateException(
            "cannot record "
                + version
                + ": "
                + module
                + " is not built ("
                + (build.problem() != null ? build.problem() : build.classes() + " is missing")
                + "; mvn -q -B install -DskipTests)");
      }
      String classes = copy(build.classes(), staging, module + "/classes", false);
      List<String> project = new ArrayList<>();
      for (String entry : build.project()) {
        project.add(
            copies.computeIfAbsent(
                entry,
                e ->
                    copy(
                        Path.of(e),
                        staging,
                        "project/" + copies.size() + "-" + Path.of(e).getFileName(),
                        false)));
      }
      List<String> libraries = new ArrayList<>();
      for (String entry : build.libraries()) {
        libraries.add(
            copies.computeIfAbsent(
                entry,
                e ->
                    copy(
                        Path.of(e),
                        staging,
                        "lib/" + copies.size() + "-" + Path.of(e).getFileName(),
                        true)));
      }
      modules.put(module, new ModuleFiles(classes, project, libraries));
    }
    Release release =
        new Release(version, Instant.now(), new TreeMap<>(settings), modules, sizes(staging));
    Files.write(staging.resolve(RELEASE_FILE), Json.writeBytes(release));
    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    return release;
  }

  /** Empty when every file the release recorded is there with its size; else what is wrong. */
  public Optional<String> incomplete(String version) {
    Optional<Release> release;
    try {
      release = release(version);
    } catch (RuntimeException e) {
      return Optional.of(dir(version).resolve(RELEASE_FILE) + " is unreadable: " + e.getMessage());
    }
    if (release.isEmpty()) {
      return Optional.of("no " + dir(version).resolve(RELEASE_FILE));
    }
    if (!release.get().modules().keySet().containsAll(MODULES)) {
      return Optional.of(
          version
              + " lacks a module: has "
              + release.get().modules().keySet()
              + ", needs "
              + MODULES);
    }
    Path base = dir(version);
    for (Map.Entry<String, Long> file : release.get().files().entrySet()) {
      Path path = base.resolve(file.getKey());
      try {
        if (!Files.isRegularFile(path) || Files.size(path) != file.getValue()) {
          return Optional.of(path + (Files.exists(path) ? " has changed size" : " is missing"));
        }
      } catch (IOException e) {
        return Optional.of(path + ": " + e.getMessage());
      }
    }
    return Optional.empty();
  }

  /**
   * Makes {@code version} (recorded and complete) the one that serves; the one serving before
   * becomes previous.
   */
  public Manifest deploy(String version) {
    incomplete(version)
        .ifPresent(
            reason -> {
              throw new IllegalStateException("release " + version + " is not complete: " + reason);
            });
    List<String> history = new ArrayList<>(manifest().history());
    if (!history.isEmpty() && history.get(history.size() - 1).equals(version)) {
      return manifest(); // deployed again: nothing changes in the record
    }
    history.remove(version);
    history.add(version);
    return write(Manifest.of(history));
  }

  /**
   * The previous version serves again (its artifacts must be complete); the rolled-back one leaves
   * the history.
   */
  public Manifest rollback() {
    Manifest manifest = manifest();
    if (manifest.previous() == null) {
      throw new IllegalStateException(
          "no previous release recorded in " + dir.resolve(MANIFEST) + " to roll back to");
    }
    incomplete(manifest.previous())
        .ifPresent(
            reason -> {
              throw new IllegalStateException(
                  "the previous release " + manifest.previous() + " is not complete: " + reason);
            });
    List<String> history = new ArrayList<>(manifest.history());
    history.remove(history.size() - 1);
    return write(Manifest.of(history));
  }

  /**
   * What a module starts from: the current release's copies, or empty when no release is deployed.
   */
  Optional<ModuleBuild> currentBuild(String module) {
    String current = manifest().current();
    if (current == null) {
      return Optional.empty();
    }
    Path base = dir(current);
    Optional<Release> release = release(current);
    Optional<String> problem = incomplete(current);
    if (release.isEmpty() || problem.isPresent()) {
      return Optional.of(
          new ModuleBuild(
              "release " + current,
              base.resolve(module + "/classes"),
              List.of(),
              List.of(),
              Map.of(),
              "release "
                  + current
                  + " serves ("
                  + dir.resolve(MANIFEST)
                  + ") but is not complete: "
                  + problem.orElse("?")));
    }
    ModuleFiles files = release.get().modules().get(module);
    List<String> project = new ArrayList<>();
    project.add(versionStamp(base, current).toString());
    files.project().stream().map(p -> base.resolve(p).toString()).forEach(project::add);
    return Optional.of(
        new ModuleBuild(
            "release " + current + " (" + base + ")",
            base.resolve(files.classes()),
            project,
            files.libraries().stream().map(p -> base.resolve(p).toString()).toList(),
            Map.copyOf(release.get().settings()),
            null));
  }

  /**
   * The version is built in (shared's {@code com/utalk/config/build.properties}, read by {@code
   * BuildVersion}), not a setting. A release here is a copy of one build recorded under a version
   * name, so it carries a stamp of that version ahead of shared's jar on the class path: what a
   * release build made with that version in the pom would report, without rebuilding.
   */
  private static Path versionStamp(Path base, String version) {
    Path stamp = base.resolve(VERSION_STAMP);
    Path folder = stamp.resolve("com/utalk/config");
    Path file = folder.resolve("build.properties");
    try {
      String content = "version=" + version + "\n";
      if (!Files.isRegularFile(file) || !Files.readString(file).equals(content)) {
        Files.createDirectories(folder);
        Files.writeString(file, content);
      }
      return stamp;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Manifest write(Manifest manifest) {
    try {
      Files.createDirectories(dir);
      Path temp = dir.resolve(MANIFEST + ".tmp");
      Files.write(temp, Json.writeBytes(manifest));
      Files.move(
          temp,
          dir.resolve(MANIFEST),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
      return manifest;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Copies a file or a folder to {@code base/relative}; a library jar is hard-linked where the file
   * system allows it.
   */
  private static String copy(Path source, Path base, String relative, boolean library) {
    Path target = base.resolve(relative);
    try {
      // relative names a file inside base, so it has a parent (base at least)
      Files.createDirectories(Objects.requireNonNull(target.getParent(), target::toString));
      if (Files.isDirectory(source)) {
        FolderCopy.copy(source, target);
      } else if (library) {
        try {
          Files.createLink(target, source);
        } catch (FileSystemException | UnsupportedOperationException e) {
          Files.copy(source, target); // another file system: a copy does the same
        }
      } else {
        Files.copy(source, target);
      }
      return relative;
    } catch (IOException e) {
      throw new UncheckedIOException("could not copy " + source + " into the release", e);
    }
  }

  private static Map<String, Long> sizes(Path base) throws IOException {
    Map<String, Long> sizes = new TreeMap<>();
    try (Stream<Path> files = Files.walk(base)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        sizes.put(base.relativize(file).toString(), Files.size(file));
      }
    }
    return sizes;
  }
}
