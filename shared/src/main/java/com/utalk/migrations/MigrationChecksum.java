package com.utalk.migrations;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of a migration's compiled class: an applied migration whose code changed no longer
 * matches its history.
 */
final class MigrationChecksum {
  private MigrationChecksum() {}

  static String of(Class<?> migration) {
    String resource =
        migration.getName().substring(migration.getName().lastIndexOf('.') + 1) + ".class";
    try (InputStream in = migration.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("cannot read the class file of " + migration.getName());
      }
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
