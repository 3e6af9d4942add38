package com.utalk.emulators.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Copies the project's own classpath entries (target/classes, the utalk-* jars) before a JVM starts
 * on them. A JVM loads classes lazily, so a rebuild while the stack runs (ours, or a teammate's
 * `mvn install`) would otherwise pull jars from under it and fail later with NoClassDefFoundError.
 * Third-party jars in ~/.m2 are release versions and never rewritten.
 */
final class ClasspathSnapshot {
  private final Path dir;
  private final Path repoRoot;
  private final Path immutable;
  private final Map<String, String> copies = new HashMap<>();

  /** Starts from an empty {@code dir}: nothing may run from it when a stack starts. */
  ClasspathSnapshot(Path dir, Path repoRoot, Path immutable) {
    this.dir = dir;
    this.repoRoot = repoRoot;
    this.immutable = immutable.toAbsolutePath().normalize();
    delete(dir);
  }

  /** Removes a snapshot directory (after {@code down}, or before a new one is made). */
  static void delete(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file :
          (Iterable<Path>) files.sorted(java.util.Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete " + dir, e);
    }
  }

  synchronized String apply(String classpath) {
    List<String> entries = new ArrayList<>();
    for (String entry : classpath.split(":")) {
      entries.add(isOurs(entry) ? copies.computeIfAbsent(entry, this::copy) : entry);
    }
    return String.join(":", entries);
  }

  private boolean isOurs(String entry) {
    return !Path.of(entry).toAbsolutePath().normalize().startsWith(immutable)
        && isProjectEntry(entry, repoRoot);
  }

  /**
   * The project's own classes or jars (in the tree, or installed as com.utalk artifacts), not a
   * library.
   */
  static boolean isProjectEntry(String entry, Path repoRoot) {
    Path path = Path.of(entry).toAbsolutePath().normalize();
    return Files.exists(path) && (path.startsWith(repoRoot) || entry.contains("/com/utalk/"));
  }

  private String copy(String entry) {
    Path source = Path.of(entry);
    Path target = dir.resolve(copies.size() + "-" + source.getFileName());
    try {
      if (Files.isDirectory(source)) {
        FolderCopy.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
      } else {
        Files.createDirectories(dir);
        Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
      }
      return target.toString();
    } catch (IOException e) {
      throw new UncheckedIOException("could not snapshot " + entry, e);
    }
  }
}
