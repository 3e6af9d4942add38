package com.utalk.functions.backup;

import com.google.cloud.firestore.Firestore;
import com.utalk.backup.BackupBucket;
import com.utalk.backup.BackupSettings;
import com.utalk.backup.FirestoreBackup;
import com.utalk.backup.FirestoreRestore;
import com.utalk.backup.MediaBackup;
import com.utalk.functions.media.MediaWiring;
import com.utalk.functions.wiring.Backend;
import com.utalk.gcp.FirestoreProvider;
import com.utalk.gcp.GcpProject;
import com.utalk.wiring.Lazy;
import java.time.Duration;
import java.util.List;

/**
 * Backup and restore over one function instance's clients. Their Firestore client allows long calls
 * (a page of 500 documents, a 500-write commit), unlike the webhooks' 3 s budget.
 */
public final class BackupModule {
  private final Backend backend;
  private final BackupSettings settings;
  private final Lazy<Firestore> firestore;
  private final Lazy<BackupBucket> bucket;

  public BackupModule(Backend backend) {
    this.backend = backend;
    this.firestore =
        Lazy.of(
            () ->
                FirestoreProvider.create(
                    GcpProject.from(backend.settings()),
                    Duration.ofSeconds(60),
                    Duration.ofSeconds(120)));
    this.settings = BackupSettings.from(backend.settings());
    this.bucket = Lazy.of(settings::openBucket);
  }

  public Backend backend() {
    return backend;
  }

  public Firestore firestore() {
    return firestore.get();
  }

  public BackupBucket bucket() {
    return bucket.get();
  }

  public FirestoreBackup backup() {
    return new FirestoreBackup(firestore(), bucket(), backend.clock(), settings);
  }

  public MediaBackup mediaBackup() {
    return new MediaBackup(firestore(), MediaWiring.store(backend), bucket(), backend.clock());
  }

  public FirestoreRestore restore() {
    return new FirestoreRestore(
        firestore(),
        bucket(),
        backend.maintenance(),
        backend.clock(),
        List.of(),
        settings.pageSize());
  }
}
