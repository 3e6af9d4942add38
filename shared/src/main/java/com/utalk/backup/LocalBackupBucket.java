package com.utalk.backup;

import java.io.BufferedOutputStream;
import java.io.FileNotFoundException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Backups in a folder of the local stack; the same object names as the bucket. */
public final class LocalBackupBucket implements BackupBucket {
  private static final Pattern SAFE_NAME =
      Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*");
  private final Path root;

  public LocalBackupBucket(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  @Override
  public OutputStream create(String name) throws IOException {
    Path target = resolve(name);
    Files.createDirectories(target.getParent());
    // Write then rename: a reader never sees half an object, as with Cloud Storage.
    Path partial = target.resolveSibling(target.getFileName() + ".partial");
    return new FilterOutputStream(
        new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16)) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        super.close();
        Files.move(
            partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
    };
  }

  @Override
  public InputStream open(String name) throws IOException {
    try {
      return Files.newInputStream(resolve(name));
    } catch (NoSuchFileException e) {
      throw new FileNotFoundException(name);
    }
  }

  @Override
  public boolean exists(String name) {
    return Files.isRegularFile(resolve(name));
  }

  @Override
  public List<String> list(String prefix) throws IOException {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(Files::isRegularFile)
          .map(path -> root.relativize(path).toString().replace('\\', '/'))
          .filter(name -> name.startsWith(prefix) && !name.endsWith(".partial"))
          .sorted()
          .toList();
    }
  }

  @Override
  public void delete(String name) throws IOException {
    Path target = resolve(name);
    Files.deleteIfExists(target);
    // Leave no empty backup folders behind.
    for (Path dir = target.getParent();
        dir != null && !dir.equals(root) && dir.startsWith(root);
        dir = dir.getParent()) {
      try (Stream<Path> left = Files.list(dir)) {
        if (left.findAny().isPresent()) {
          break;
        }
      }
      Files.delete(dir);
    }
  }

  private Path resolve(String name) {
    if (name == null || !SAFE_NAME.matcher(name).matches() || name.contains("..")) {
      throw new IllegalArgumentException("not a backup object name: " + name);
    }
    return root.resolve(name);
  }
}
