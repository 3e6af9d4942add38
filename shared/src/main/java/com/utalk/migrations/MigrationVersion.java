package com.utalk.migrations;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A migration's semantic version, read from its class name: {@code V1_2_0__AddUserPreferences} is
 * 1.2.0.
 */
public record MigrationVersion(int major, int minor, int patch)
    implements Comparable<MigrationVersion> {
  private static final Pattern NAME = Pattern.compile("V(\\d+)_(\\d+)_(\\d+)__([A-Za-z0-9]+)");

  public static MigrationVersion of(Class<?> migration) {
    Matcher matcher = NAME.matcher(migration.getSimpleName());
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          migration.getSimpleName() + " is not named V<major>_<minor>_<patch>__<Name>");
    }
    return new MigrationVersion(
        Integer.parseInt(matcher.group(1)),
        Integer.parseInt(matcher.group(2)),
        Integer.parseInt(matcher.group(3)));
  }

  @Override
  public int compareTo(MigrationVersion other) {
    int c = Integer.compare(major, other.major);
    c = c != 0 ? c : Integer.compare(minor, other.minor);
    return c != 0 ? c : Integer.compare(patch, other.patch);
  }

  @Override
  public String toString() {
    return major + "." + minor + "." + patch;
  }
}
