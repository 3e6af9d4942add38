package com.utalk.changes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CHANGELOG.md (Keep a Changelog), parsed: the one source of the change announcements. The file is
 * packaged into the shared jar at build time, so what a build announces is what it ships. The entry
 * shape is described at the top of CHANGELOG.md; anything else is refused here (and so by
 * ChangelogTest, in the build), never half-announced.
 */
public final class Changelog {
  private static final String RESOURCE = "CHANGELOG.md";
  private static final Pattern RELEASE =
      Pattern.compile("^## \\[(\\d+\\.\\d+\\.\\d+)] - (\\d{4}-\\d{2}-\\d{2})$");
  private static final Pattern UNRELEASED = Pattern.compile("^## \\[Unreleased]$");
  private static final Pattern SECTION = Pattern.compile("^### (\\w+)$");
  private static final Pattern GUIDE = Pattern.compile("^Migration guide: (https://\\S+)$");
  private static final Pattern ENTRY =
      Pattern.compile("^- (\\*\\*BREAKING\\*\\* )?`([^`]+)` — (.+?) Migration: (.+)$");

  private final List<Release> releases;
  private final List<ApiChange> unreleased;

  private Changelog(List<Release> releases, List<ApiChange> unreleased) {
    this.releases = List.copyOf(releases);
    this.unreleased = List.copyOf(unreleased);
  }

  /** The changelog this build was made with. */
  public static Changelog bundled() {
    try (InputStream in = Changelog.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "CHANGELOG.md is not on the classpath (shared/pom.xml packages it)");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Changelog parse(String markdown) {
    List<Release> releases = new ArrayList<>();
    List<ApiChange> unreleased = new ArrayList<>();
    String version = null;
    LocalDate date = null;
    String guide = null;
    String section = null;
    List<ApiChange> changes = null;
    int number = 0;
    for (String raw : markdown.split("\n", -1)) {
      number++;
      String line = raw.stripTrailing();
      Matcher m;
      if (line.startsWith("## ")) {
        if (version != null) {
          releases.add(new Release(version, date, guide, changes));
        }
        section = null;
        guide = null;
        if (UNRELEASED.matcher(line).matches()) {
          version = null;
          changes = unreleased;
        } else if ((m = RELEASE.matcher(line)).matches()) {
          version = m.group(1);
          date = date(m.group(2), number);
          changes = new ArrayList<>();
        } else {
          throw new MalformedChangelogException(
              "line "
                  + number
                  + ": a release heading is '## [X.Y.Z] - YYYY-MM-DD' or '## [Unreleased]'");
        }
      } else if (changes == null) {
        continue; // the preamble
      } else if ((m = GUIDE.matcher(line)).matches()) {
        guide = m.group(1);
      } else if ((m = SECTION.matcher(line)).matches()) {
        section = m.group(1);
      } else if (line.startsWith("- ")) {
        if (section == null) {
          throw new MalformedChangelogException(
              "line " + number + ": an entry outside a ### section");
        }
        if (!(m = ENTRY.matcher(line)).matches()) {
          throw new MalformedChangelogException(
              "line " + number + ": an entry is '- `ENDPOINT` — description. Migration: ...'");
        }
        boolean breaking = m.group(1) != null;
        if (breaking && !section.equals("Changed") && !section.equals("Removed")) {
          throw new MalformedChangelogException(
              "line " + number + ": BREAKING only under Changed or Removed");
        }
        changes.add(
            new ApiChange(ChangeType.of(section, breaking), m.group(2), m.group(3), m.group(4)));
      } else if (!line.isBlank()) {
        throw new MalformedChangelogException(
            "line " + number + ": unexpected text inside a release: " + line);
      }
    }
    if (version != null) {
      releases.add(new Release(version, date, guide, changes));
    }
    return new Changelog(releases, unreleased);
  }

  private static LocalDate date(String text, int line) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new MalformedChangelogException("line " + line + ": not a date: " + text);
    }
  }

  /** Released versions, newest first (the file's order). */
  public List<Release> releases() {
    return releases;
  }

  public List<ApiChange> unreleased() {
    return unreleased;
  }

  public Optional<Release> release(String version) {
    return releases.stream().filter(release -> release.version().equals(version)).findFirst();
  }

  /** The changelog does not follow its documented shape. */
  public static final class MalformedChangelogException extends RuntimeException {
    public MalformedChangelogException(String message) {
      super(message);
    }
  }
}
