package com.utalk.migrations;

import java.util.List;

/**
 * What a run did: {@code status} is {@code up_to_date}, {@code applied}, {@code dry_run}, {@code
 * locked} (another runner holds the lock), {@code blocked} (a failed migration or changed code must
 * be fixed first) or {@code rolled_back} (a migration failed and was undone).
 */
public record MigrationReport(
    String status, String reason, String backupId, List<Entry> migrations) {
  public record Entry(
      String version,
      String description,
      String outcome,
      long documentsTouched,
      long durationMs,
      List<String> examples,
      String error) {}
}
