package com.utalk.backup;

import java.util.Map;

/**
 * What one backup run did: {@code ok} with its manifest, {@code failed} with the reason, or {@code
 * skipped} because another run held the lease. {@code durationsMs} is per step.
 */
public record BackupOutcome(
    String backupId,
    String status,
    String reason,
    BackupManifest manifest,
    Map<String, Long> durationsMs,
    int expiredDeleted) {
  public static final String SKIPPED = "skipped";

  public boolean ok() {
    return BackupCatalog.OK.equals(status);
  }
}
