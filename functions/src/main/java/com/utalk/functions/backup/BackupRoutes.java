package com.utalk.functions.backup;

import com.utalk.audit.AuditActions;
import com.utalk.auth.AuthModule;
import com.utalk.auth.Permission;
import com.utalk.backup.BackupReader;
import com.utalk.backup.RestoreReport;
import com.utalk.errors.ConflictException;
import com.utalk.errors.NotFoundException;
import com.utalk.functions.api.Access;
import com.utalk.functions.api.ApiRequest;
import com.utalk.functions.api.Reply;
import com.utalk.functions.api.Route;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code POST /api/admin/backups/{id}/restore} (admin only, audited): the whole verified restore,
 * answered with its report. A backup that is not intact answers 409 and nothing was written.
 */
public final class BackupRoutes {
  private final Supplier<BackupModule> module;
  private final AuthModule auth;

  public BackupRoutes(Supplier<BackupModule> module, AuthModule auth) {
    this.module = module;
    this.auth = auth;
  }

  public List<Route> routes() {
    return List.of(
        Route.post(
            "/api/admin/backups/{id}/restore",
            Access.requires(Permission.BACKUPS_RESTORE),
            this::restore));
  }

  private Reply restore(ApiRequest request) throws IOException {
    String id = request.path("id");
    if (!new BackupReader(module.get().bucket()).exists(id)) {
      throw new NotFoundException("backup_not_found", "no backup " + id + " in the backups bucket");
    }
    RestoreReport report = module.get().restore().restore(id);
    if (RestoreReport.INTEGRITY_FAILED.equals(report.status())) {
      throw new ConflictException("backup_not_intact", report.reason());
    }
    // Recorded after the restore: the audit log is itself restored from the backup.
    auth.audit()
        .record(
            auth.audit()
                .entry(
                    request.principal(),
                    request.requestId(),
                    AuditActions.BACKUP_RESTORE,
                    "backup",
                    id,
                    Map.of(),
                    Map.of(
                        "status",
                        report.status(),
                        "documents",
                        report.documents().values().stream().mapToLong(Long::longValue).sum())));
    return Reply.ok(report);
  }
}
