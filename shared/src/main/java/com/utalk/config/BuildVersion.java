package com.utalk.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version this build was made as: the root pom's {@code <version>}, written into {@code
 * com/utalk/config/build.properties} by Maven's resource filtering. It is the one place the version
 * lives; {@code /health}, every log line and the backups' {@code codeVersion} report it.
 */
public final class BuildVersion {
  private static final String RESOURCE = "build.properties";
  private static final String VERSION = load();

  private BuildVersion() {}

  public static String current() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in = BuildVersion.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "com/utalk/config/"
                + RESOURCE
                + " is not on the classpath (shared/pom.xml filters it)");
      }
      Properties properties = new Properties();
      properties.load(in);
      String version = properties.getProperty("version", "");
      if (version.isBlank() || version.startsWith("${")) {
        throw new IllegalStateException(
            "com/utalk/config/" + RESOURCE + " was not filtered by Maven: version=" + version);
      }
      return version;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
