package com.utalk.changes;

import java.util.Locale;

/** The kinds of change an announcement names (the operations document's {@code type}). */
public enum ChangeType {
  BREAKING,
  FEATURE,
  FIX;

  @com.fasterxml.jackson.annotation.JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Keep a Changelog's section names, and the BREAKING marker, to our three types. */
  static ChangeType of(String section, boolean markedBreaking) {
    return switch (section) {
      case "Added", "Deprecated" -> FEATURE;
      case "Changed" -> markedBreaking ? BREAKING : FEATURE;
      case "Removed" -> BREAKING;
      case "Fixed", "Security" -> FIX;
      default ->
          throw new Changelog.MalformedChangelogException(
              "unknown section '"
                  + section
                  + "' (Keep a Changelog has Added, Changed, Deprecated, Removed, Fixed, Security)");
    };
  }
}
