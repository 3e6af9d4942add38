package com.utalk.backup;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a restore did, step by step: {@code status} is {@code ok}, {@code integrity_failed} (nothing
 * was written), {@code consistency_failed} (data written but not equal to the backup; maintenance
 * stays on) or {@code health_failed}.
 */
public record RestoreReport(
    String backupId,
    Instant snapshotTime,
    String status,
    String reason,
    List<Step> steps,
    Map<String, Long> documents,
    long usersNeedingNewPassword,
    String passwordReset,
    String dataLoss) {
  public static final String OK = "ok";
  public static final String INTEGRITY_FAILED = "integrity_failed";
  public static final String CONSISTENCY_FAILED = "consistency_failed";
  public static final String HEALTH_FAILED = "health_failed";

  public static final String PASSWORD_RESET =
      "password hashes are never backed up: a user restored into a database that no longer held their hash "
          + "(usersNeedingNewPassword) must be given a new password "
          + "(emulators/dev set-password --email <email>, with --project <id> against the cloud) "
          + "and then log in again (refresh tokens are not in backups either, so their sessions end)";

  public record Step(String name, long millis, String detail) {}

  public boolean ok() {
    return OK.equals(status);
  }
}
