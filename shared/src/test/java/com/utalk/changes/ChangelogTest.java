package com.utalk.changes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.utalk.versions.ApiVersion;
import com.utalk.versions.ApiVersions;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CHANGELOG.md (the file the build packages) follows its shape and agrees with the version
 * catalogue.
 */
class ChangelogTest {
  private static final Changelog CHANGELOG = Changelog.bundled();

  @Test
  void releasesAreSemanticVersionsNewestFirst() {
    List<Release> releases = CHANGELOG.releases();
    assertEquals(
        List.of("1.2.0", "1.1.0", "1.0.0"), releases.stream().map(Release::version).toList());
    for (int i = 1; i < releases.size(); i++) {
      assertTrue(
          releases.get(i - 1).date().isAfter(releases.get(i).date()),
          releases.get(i - 1).version());
    }
  }

  @Test
  void theNewestReleaseIsTheCurrentApiVersionAndItsBreakingChangeIsTheMessageId() {
    Release newest = CHANGELOG.releases().get(0);
    assertEquals(ApiVersions.CURRENT.name(), "v" + newest.version().replaceAll("\\.0$", ""));
    ApiChange breaking =
        newest.changes().stream()
            .filter(c -> c.type() == ChangeType.BREAKING)
            .findFirst()
            .orElseThrow();
    assertEquals("POST /api/conversations/{id}/messages", breaking.endpoint());
    assertTrue(breaking.description().contains("messageId"));
    assertTrue(breaking.migration().contains("UUID v4"));
  }

  @Test
  void eachReleaseNamesTheGuideOfTheVersionItDeprecates() {
    for (Release release : CHANGELOG.releases()) {
      String[] parts = release.version().split("\\.");
      int minor = Integer.parseInt(parts[1]);
      if (minor == 0) {
        continue;
      }
      ApiVersion previous = ApiVersions.resolve("v" + parts[0] + "." + (minor - 1));
      assertEquals(
          previous.migrationGuide().toString(), release.migrationGuide(), release.version());
      assertEquals(
          previous.deprecated(),
          release.date(),
          previous.name() + " is deprecated by the release that replaces it");
      assertTrue(
          release.changes().stream()
              .anyMatch(c -> c.endpoint().equals("X-API-Version: " + previous.name())),
          release.version() + " announces the deprecation of " + previous.name());
    }
  }

  @Test
  void entriesOutsideTheShapeAreRefusedNotHalfAnnounced() {
    String head = "# Changelog\n\n## [2.0.0] - 2026-01-01\n\n### Changed\n\n";
    assertThrows(
        Changelog.MalformedChangelogException.class,
        () -> Changelog.parse(head + "- changed a thing\n"));
    assertThrows(
        Changelog.MalformedChangelogException.class,
        () -> Changelog.parse(head + "- `GET /x` — no migration line.\n"));
    assertThrows(
        Changelog.MalformedChangelogException.class,
        () ->
            Changelog.parse(
                "# C\n\n## [2.0.0] - 2026-01-01\n\n### Added\n\n- **BREAKING** `GET /x` — d. Migration: m.\n"));
    assertThrows(
        Changelog.MalformedChangelogException.class, () -> Changelog.parse("# C\n\n## 2.0.0\n"));
    assertThrows(
        Changelog.MalformedChangelogException.class,
        () ->
            Changelog.parse(
                head.replace("Changed", "Improved") + "- `GET /x` — d. Migration: m.\n"));
    Release parsed =
        Changelog.parse(head + "- **BREAKING** `GET /x` — d. Migration: m.\n")
            .release("2.0.0")
            .orElseThrow();
    assertEquals(
        List.of(new ApiChange(ChangeType.BREAKING, "GET /x", "d.", "m.")), parsed.changes());
    assertFalse(CHANGELOG.unreleased().isEmpty());
  }
}
