package com.utalk.changes;

import java.time.LocalDate;
import java.util.List;

/**
 * One released version of the changelog: what {@code api.changes} announces and {@code GET
 * /api/changes} lists ({@code migrationGuide} null when the release needs no migration).
 */
public record Release(
    String version, LocalDate date, String migrationGuide, List<ApiChange> changes) {
  public Release {
    changes = List.copyOf(changes);
  }

  public boolean breaking() {
    return changes.stream().anyMatch(change -> change.type() == ChangeType.BREAKING);
  }
}
