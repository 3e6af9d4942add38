package com.utalk.backup;

import com.utalk.auth.AuthCollections;
import com.utalk.auth.users.UserDocument;
import com.utalk.bot.AiConfigService;
import com.utalk.storage.Collections;
import java.util.List;

/**
 * What a backup holds: everything a restored system needs to run, nothing derived or transient.
 *
 * <p>Left out, and why: {@code processedEvents} (CloudEvent dedupe, expires anyway), {@code
 * loginAttempts} (throttle counters), {@code signingKeys} (secrets; the cloud keeps them in Secret
 * Manager), {@code kpis} and {@code kpiRollup} (rollups, rebuilt from the counters by the {@code
 * kpi-rollup} recompute mode), {@code backups}, {@code migrations} and {@code system} (the backup,
 * migration and maintenance machinery's own state, which a restore must not rewind).
 */
public final class BackupScope {
  /** The users' password hash and refresh-token families never leave the database. */
  public static final List<String> USER_EXCLUSIONS =
      List.of(
          UserDocument.PASSWORD_HASH, "password", UserDocument.REFRESH_TOKENS, "refreshFamilies");

  public static final List<BackupCollection> COLLECTIONS =
      List.of(
          new BackupCollection(Collections.USERS, null, USER_EXCLUSIONS),
          BackupCollection.top(AuthCollections.USER_EMAILS),
          BackupCollection.top(Collections.WORKSPACES),
          BackupCollection.top(Collections.WHATSAPP_NUMBERS),
          BackupCollection.top(Collections.CONVERSATIONS),
          BackupCollection.under(Collections.CONVERSATIONS, Collections.EVENTS),
          BackupCollection.top(Collections.CONTACT_THREADS),
          BackupCollection.top(Collections.MESSAGES, "metadata.sensitive"),
          BackupCollection.top(Collections.TWILIO_SIDS),
          BackupCollection.top(Collections.MEDIA),
          BackupCollection.top(Collections.ESCALATIONS),
          BackupCollection.top(Collections.BOT_RUNS),
          BackupCollection.top("botState"),
          BackupCollection.top(AiConfigService.COLLECTION),
          BackupCollection.top(Collections.RATINGS),
          // The raw KPI counters are cheap and exact; without them every past hour needs a
          // recompute.
          BackupCollection.top(Collections.KPI_COUNTERS),
          BackupCollection.top(AuthCollections.AUDIT_LOGS));

  /** The collection a manifest label names, with its exclusions when it is one of ours. */
  public static BackupCollection forLabel(String label) {
    return COLLECTIONS.stream()
        .filter(c -> c.label().equals(label))
        .findFirst()
        .orElseGet(() -> BackupCollection.fromLabel(label));
  }

  private BackupScope() {}
}
