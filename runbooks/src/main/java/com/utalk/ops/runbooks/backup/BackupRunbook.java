package com.utalk.ops.runbooks.backup;

import com.google.cloud.firestore.Query;
import com.google.cloud.firestore.QueryDocumentSnapshot;
import com.utalk.backup.BackupCatalog;
import com.utalk.backup.FirestoreBackup;
import com.utalk.backup.MediaBackup;
import com.utalk.ops.cli.Evidence;
import com.utalk.ops.cli.Finding;
import com.utalk.ops.cli.OpsAction;
import com.utalk.ops.cli.OpsCommand;
import com.utalk.ops.cli.OpsContext;
import com.utalk.storage.FirestoreCalls;
import com.utalk.storage.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The disaster-recovery procedures' precondition, checked before the night they are needed
 * (runbooks/dr-falla-base-de-datos.md, dr-falla-storage.md): the newest Firestore backup is
 * verified ({@code status: ok}) and recent, the last runs did not fail. There is no fix: a restore
 * is a decision (the DR files and {@code emulators/dev restore}), not a repair.
 */
public final class BackupRunbook implements OpsCommand {
  /** The export runs daily: older than a day plus slack means a run was missed. */
  static final Duration MAX_AGE = Duration.ofHours(26);

  static final int RUNS_READ = 100;

  @Override
  public String name() {
    return "backup";
  }

  @Override
  public String summary() {
    return "DR: backups verified and fresh before they are needed (runbooks/dr-falla-base-de-datos.md, dr-falla-storage.md)";
  }

  @Override
  public List<OpsAction> actions() {
    return List.of(
        OpsAction.reading(
            "diagnose",
            "newest verified Firestore and media backups, their age, failed runs",
            this::diagnose));
  }

  private Finding diagnose(OpsContext context) {
    Instant now = context.clock().instant();
    // newest first, one single-field order: the catalog's own query shape
    List<QueryDocumentSnapshot> runs =
        FirestoreCalls.await(
                context
                    .target()
                    .firestore()
                    .collection(BackupCatalog.COLLECTION)
                    .orderBy("createdAt", Query.Direction.DESCENDING)
                    .limit(RUNS_READ)
                    .get())
            .getDocuments();
    List<Evidence> evidence = new ArrayList<>();
    Optional<QueryDocumentSnapshot> firestore = newestOk(runs, FirestoreBackup.KIND);
    Optional<QueryDocumentSnapshot> media = newestOk(runs, MediaBackup.KIND);
    evidence.add(
        Evidence.of(
            "newest verified Firestore backup",
            firestore.map(doc -> describe(doc, now)).orElse("none")));
    evidence.add(
        Evidence.of(
            "newest verified media backup", media.map(doc -> describe(doc, now)).orElse("none")));
    Optional<QueryDocumentSnapshot> lastRun =
        runs.stream().filter(doc -> FirestoreBackup.KIND.equals(doc.getString("kind"))).findFirst();
    lastRun.ifPresent(
        doc ->
            evidence.add(
                Evidence.of(
                    "last Firestore backup run",
                    doc.getId()
                        + " "
                        + doc.getString("status")
                        + (doc.getString("reason") == null
                            ? ""
                            : " (" + doc.getString("reason") + ")"))));
    long failed =
        runs.stream().filter(doc -> BackupCatalog.FAILED.equals(doc.getString("status"))).count();
    evidence.add(Evidence.of("failed runs among the last " + runs.size(), failed));

    String next =
        "see why in the firestore-backup function's logs; take one now (local: emulators/dev backup), "
            + "and read runbooks/dr-falla-base-de-datos.md for what a restore would lose";
    if (firestore.isEmpty()) {
      return Finding.problem(
          "no verified Firestore backup exists: a restore has nothing to restore from",
          next,
          evidence);
    }
    if (lastRun.isPresent() && BackupCatalog.FAILED.equals(lastRun.get().getString("status"))) {
      return Finding.problem(
          "the last Firestore backup run failed (" + lastRun.get().getString("reason") + ")",
          next,
          evidence);
    }
    Instant snapshot = Timestamps.toInstant(firestore.get().get("snapshotTime"));
    if (snapshot != null && snapshot.isBefore(now.minus(MAX_AGE))) {
      return Finding.problem(
          "the newest verified Firestore backup is "
              + Duration.between(snapshot, now).toHours()
              + " h old (daily runs): the export's recovery point is slipping",
          next,
          evidence);
    }
    return Finding.ok(evidence);
  }

  private static Optional<QueryDocumentSnapshot> newestOk(
      List<QueryDocumentSnapshot> runs, String kind) {
    return runs.stream()
        .filter(
            doc ->
                kind.equals(doc.getString("kind"))
                    && BackupCatalog.OK.equals(doc.getString("status")))
        .findFirst();
  }

  private static String describe(QueryDocumentSnapshot doc, Instant now) {
    Instant snapshot = Timestamps.toInstant(doc.get("snapshotTime"));
    return doc.getId()
        + ", snapshot "
        + snapshot
        + (snapshot == null
            ? ""
            : " (" + Duration.between(snapshot, now).toMinutes() + " min ago)");
  }
}
