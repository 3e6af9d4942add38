package com.utalk.flags;

import com.google.cloud.firestore.Firestore;
import com.utalk.audit.AuditActions;
import com.utalk.audit.AuditLog;
import com.utalk.auth.Permission;
import com.utalk.auth.PermissionPolicy;
import com.utalk.auth.Principal;
import com.utalk.errors.NotFoundException;
import com.utalk.errors.ValidationException;
import com.utalk.storage.FirestoreCalls;
import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Admins list, change and roll out flags. Each change is one transaction with its audit entry (no
 * change without its entry); this instance sees it at once, every other one within the provider's
 * refresh interval. Flags are platform-wide: the actor's workspace is on the entry.
 */
public final class FlagAdministration {
  private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

  private final Firestore firestore;
  private final FlagStore store;
  private final AuditLog audit;
  private final PermissionPolicy policy;
  private final FeatureFlags flags;
  private final Clock clock;

  public FlagAdministration(
      Firestore firestore,
      AuditLog audit,
      PermissionPolicy policy,
      FeatureFlags flags,
      Clock clock) {
    this.firestore = firestore;
    this.store = new FlagStore(firestore);
    this.audit = audit;
    this.policy = policy;
    this.flags = flags;
    this.clock = clock;
  }

  public List<FlagDefinition> list(Principal actor) {
    policy.check(actor, Permission.FLAGS_READ);
    return List.copyOf(store.all().values());
  }

  /** Creates the flag when it does not exist yet. */
  public FlagDefinition change(Principal actor, String key, FlagChange change, String requestId) {
    return write(actor, validKey(key), change, requestId, AuditActions.FLAG_CHANGE, true);
  }

  /** Sets the rollout percentage of an existing flag (404 for an unknown one). */
  public FlagDefinition rollout(Principal actor, String key, int percent, String requestId) {
    return write(
        actor,
        validKey(key),
        FlagChange.rollout(percent),
        requestId,
        AuditActions.FLAG_ROLLOUT,
        false);
  }

  private FlagDefinition write(
      Principal actor,
      String key,
      FlagChange change,
      String requestId,
      String action,
      boolean mayCreate) {
    policy.check(actor, Permission.FLAGS_MANAGE);
    FlagDefinition saved =
        FirestoreCalls.await(
            firestore.runTransaction(
                tx -> {
                  FlagDefinition before = store.read(tx, key);
                  if (before == null && !mayCreate) {
                    throw new NotFoundException("no flag " + key);
                  }
                  FlagDefinition after = change.applyTo(before, key, clock.instant(), actor.uid());
                  store.write(tx, after);
                  audit.append(
                      tx,
                      audit.entry(
                          actor,
                          requestId,
                          action,
                          "feature_flag",
                          key,
                          FlagStore.auditView(before),
                          FlagStore.auditView(after)));
                  return after;
                }));
    flags.invalidate();
    return saved;
  }

  private static String validKey(String key) {
    if (key == null || !KEY.matcher(key).matches()) {
      throw new ValidationException(
          "key", "a flag key is 1-64 lowercase letters, digits and hyphens");
    }
    return key;
  }
}
