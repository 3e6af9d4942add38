package com.utalk.backup;

import com.google.cloud.storage.StorageOptions;
import com.utalk.config.BuildVersion;
import com.utalk.config.Settings;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where backups go and how long they stay: {@code BACKUP_STORE} ({@code gcs} or {@code local}),
 * {@code BACKUP_BUCKET}, {@code BACKUP_LOCAL_DIR}, {@code BACKUP_RETENTION_DAYS} (30), {@code
 * BACKUP_PAGE_SIZE} (documents per read, 500).
 */
public record BackupSettings(
    String store,
    String bucket,
    Path localDir,
    Duration retention,
    int pageSize,
    String codeVersion) {
  public static BackupSettings from(Settings settings) {
    return new BackupSettings(
        settings.get("BACKUP_STORE", "local"),
        settings.get("BACKUP_BUCKET", "utalk-backups"),
        Path.of(settings.get("BACKUP_LOCAL_DIR", "emulators/.run/backups")),
        Duration.ofDays(settings.getInt("BACKUP_RETENTION_DAYS", 30)),
        settings.getInt("BACKUP_PAGE_SIZE", 500),
        BuildVersion.current());
  }

  public BackupBucket openBucket() {
    return "gcs".equals(store)
        ? new GcsBackupBucket(StorageOptions.getDefaultInstance().getService(), bucket)
        : new LocalBackupBucket(localDir);
  }
}
