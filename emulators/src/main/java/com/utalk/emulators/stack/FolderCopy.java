package com.utalk.emulators.stack;

import java.io.IOException;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A folder copied file by file (the JDK copies one file or an empty folder, not a tree). */
final class FolderCopy {
  private FolderCopy() {}

  /** Copies everything under {@code source} to the same relative places under {@code target}. */
  static void copy(Path source, Path target, CopyOption... options) throws IOException {
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path destination = target.resolve(source.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(destination);
        } else {
          Files.copy(file, destination, options);
        }
      }
    }
  }
}
