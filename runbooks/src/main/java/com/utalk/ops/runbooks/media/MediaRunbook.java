package com.utalk.ops.runbooks.media;

import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.QueryDocumentSnapshot;
import com.utalk.bot.Actor;
import com.utalk.media.ConversationAccess;
import com.utalk.media.MediaFailure;
import com.utalk.media.MediaIngestService;
import com.utalk.media.MediaItem;
import com.utalk.media.MediaPolicy;
import com.utalk.media.MediaSources;
import com.utalk.media.MediaStore;
import com.utalk.media.MediaStores;
import com.utalk.media.MediaUrlService;
import com.utalk.media.TwilioMediaDownloader;
import com.utalk.ops.cli.Evidence;
import com.utalk.ops.cli.Finding;
import com.utalk.ops.cli.OpsAction;
import com.utalk.ops.cli.OpsCommand;
import com.utalk.ops.cli.OpsContext;
import com.utalk.ops.environment.Target;
import com.utalk.ops.probes.HttpProbe;
import com.utalk.storage.Collections;
import com.utalk.storage.FirestoreCalls;
import com.utalk.storage.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * "Media no descarga" (runbooks/media-no-descarga.md): media items of the window by status and
 * failure reason, a freshly signed URL of a stored item fetched as a client would (signing key,
 * bucket permissions), the URLs kept on media documents (revoked key, expired), and failed
 * downloads from the media host. Fixes: regenerate-urls for the conversations whose kept URLs no
 * longer download; {@code --retry} downloads failed inbound items again.
 */
public final class MediaRunbook implements OpsCommand {
  /** Kept URLs fetched per run: enough to see a pattern, few enough to be quick. */
  static final int KEPT_URLS_CHECKED = 20;

  static final int WINDOW_LIMIT = 5_000;
  static final Duration PROBE_TTL = Duration.ofMinutes(2);

  @Override
  public String name() {
    return "media";
  }

  @Override
  public String summary() {
    return "\"Media no descarga\" (runbooks/media-no-descarga.md)";
  }

  @Override
  public List<OpsAction> actions() {
    return List.of(
        OpsAction.reading(
            "diagnose",
            "media by status and failure reason, a fresh signed URL fetched, kept URLs (revoked key, "
                + "expired), media host failures [--since 15m]",
            this::diagnose),
        OpsAction.changing(
            "fix",
            "regenerate-urls where kept URLs fail; --retry re-downloads failed inbound media "
                + "(asks first, audited, idempotent)",
            this::fix));
  }

  /** The window's media documents, newest activity last (one range filter: no composite index). */
  static List<QueryDocumentSnapshot> window(Firestore firestore, Instant since) {
    return FirestoreCalls.await(
            firestore
                .collection(Collections.MEDIA)
                .whereGreaterThanOrEqualTo("createdAt", Timestamps.of(since))
                .limit(WINDOW_LIMIT)
                .get())
        .getDocuments();
  }

  /** A kept URL that a client would fail to download now: expired, or refused by the media host. */
  record BrokenUrl(QueryDocumentSnapshot media, String why) {}

  static List<BrokenUrl> brokenKeptUrls(List<QueryDocumentSnapshot> media, Instant now) {
    List<BrokenUrl> broken = new ArrayList<>();
    int checked = 0;
    for (QueryDocumentSnapshot doc : media) {
      String url = doc.getString("url");
      if (url == null
          || !MediaItem.STORED.equals(doc.getString("status"))
          || checked++ >= KEPT_URLS_CHECKED) {
        continue;
      }
      Instant expiresAt = Timestamps.toInstant(doc.get("urlExpiresAt"));
      if (expiresAt != null && expiresAt.isBefore(now)) {
        broken.add(new BrokenUrl(doc, "expired at " + expiresAt));
        continue;
      }
      HttpProbe.Answer answer = HttpProbe.get(url);
      if (answer.status() != 200) {
        broken.add(new BrokenUrl(doc, answer.summary()));
      }
    }
    return broken;
  }

  private Finding diagnose(OpsContext context) {
    Target target = context.target();
    Instant now = context.clock().instant();
    Instant since = now.minus(context.options().since());
    List<Evidence> evidence = new ArrayList<>();
    List<QueryDocumentSnapshot> media = window(target.firestore(), since);
    Map<String, Integer> byStatus = new TreeMap<>();
    List<MediaItem> failed = new ArrayList<>();
    List<MediaItem> stuck = new ArrayList<>();
    MediaItem newestStored = null;
    for (QueryDocumentSnapshot doc : media) {
      MediaItem item = MediaItem.fromSnapshot(doc);
      byStatus.merge(
          item.status() + (item.failureReason() == null ? "" : "/" + item.failureReason()),
          1,
          Integer::sum);
      if (MediaItem.FAILED.equals(item.status())) {
        failed.add(item);
      } else if (MediaItem.PENDING.equals(item.status())
          && item.createdAt().isBefore(now.minus(Duration.ofMinutes(5)))) {
        stuck.add(item);
      } else if (item.isStored()
          && (newestStored == null || item.createdAt().isAfter(newestStored.createdAt()))) {
        newestStored = item;
      }
    }
    evidence.add(Evidence.of("media since " + since, media.size() + " " + byStatus));
    failed.stream()
        .limit(5)
        .forEach(
            item ->
                evidence.add(
                    Evidence.of(
                        "failed " + item.id(),
                        item.failureReason()
                            + " ("
                            + item.failureDetail()
                            + "), attempts "
                            + item.attempts()
                            + ", at "
                            + item.updatedAt())));

    if (newestStored != null) {
      MediaStore store = MediaStores.fromSettings(target.settings(), context.clock());
      String url;
      try {
        url = store.signedGetUrl(newestStored.storagePath(), PROBE_TTL).url();
      } catch (RuntimeException e) {
        evidence.add(
            Evidence.of(
                "signing a URL for " + newestStored.id(),
                e.getClass().getSimpleName() + ": " + e.getMessage()));
        return Finding.problem(
            "media URLs cannot be signed: " + e.getMessage(),
            "give the media functions' service account "
                + "roles/iam.serviceAccountTokenCreator on itself (cloud) or check MEDIA_URL_SIGNING_KEY (local)",
            evidence);
      }
      HttpProbe.Answer fresh = HttpProbe.get(url);
      evidence.add(Evidence.of("fresh signed URL of " + newestStored.id(), fresh.summary()));
      if (fresh.status() != 200) {
        return Finding.problem(
            "a freshly signed media URL does not download ("
                + fresh.summary()
                + "): the signing key the "
                + "functions use is not the one the media host verifies, or the bucket refuses the read",
            "check the signing key / service account and roles/storage.objectViewer on the bucket; escalate",
            evidence);
      }
    }
    List<BrokenUrl> broken = brokenKeptUrls(media, now);
    evidence.add(
        Evidence.of(
            "kept URLs that do not download (of up to " + KEPT_URLS_CHECKED + " checked)",
            broken.size()));
    broken.stream()
        .limit(5)
        .forEach(url -> evidence.add(Evidence.of("kept URL of " + url.media().getId(), url.why())));
    if (!broken.isEmpty()) {
      return Finding.problem(
          broken.size()
              + " media URL(s) kept on media documents no longer download ("
              + broken.get(0).why()
              + "): signed with a revoked key, or expired",
          context.command("media fix") + " (regenerate-urls)",
          evidence);
    }
    List<MediaItem> downloads =
        failed.stream()
            .filter(item -> MediaFailure.DOWNLOAD_FAILED.equals(item.failureReason()))
            .toList();
    if (!downloads.isEmpty()) {
      return Finding.problem(
          downloads.size()
              + " inbound media item(s) failed to download from the media host ("
              + downloads.get(0).failureDetail()
              + ")",
          "once the host serves them (Twilio can 404 briefly after receipt), "
              + context.command("media fix --retry")
              + "; media Twilio deleted cannot be recovered: ask the customer to resend",
          evidence);
    }
    if (!stuck.isEmpty()) {
      return Finding.problem(
          stuck.size()
              + " media item(s) pending for over 5 minutes: the media-ingester is not processing",
          "check the media-ingester function and its Pub/Sub subscription; then "
              + context.command("media fix --retry"),
          evidence);
    }
    return Finding.ok(evidence);
  }

  private Finding fix(OpsContext context) {
    return context.options().find("retry").isPresent() ? retry(context) : regenerate(context);
  }

  private Finding regenerate(OpsContext context) {
    Target target = context.target();
    Instant now = context.clock().instant();
    List<BrokenUrl> broken =
        brokenKeptUrls(window(target.firestore(), now.minus(context.options().since())), now);
    List<Evidence> evidence = new ArrayList<>();
    if (broken.isEmpty()) {
      return Finding.ok("nothing to fix: the kept media URLs download", evidence);
    }
    Set<List<String>> conversations = new LinkedHashSet<>();
    broken.forEach(
        url ->
            conversations.add(
                List.of(
                    url.media().getString("workspaceId"),
                    url.media().getString("conversationId"))));
    if (!context.confirm(
        "regenerate the media URLs of "
            + conversations.size()
            + " conversation(s) ("
            + broken.size()
            + " broken URL(s) seen)")) {
      return Finding.declined("regenerate-urls");
    }
    MediaUrlService urls =
        new MediaUrlService(
            target.firestore(),
            MediaStores.fromSettings(target.settings(), context.clock()),
            ConversationAccess.DEFAULT,
            context.clock());
    for (List<String> conversation : conversations) {
      // the service records media.regenerate_urls in the audit trail, under this run's request ID
      MediaUrlService.RegenerateResult result =
          urls.regenerate(
              new Actor("ops:" + context.operator(), conversation.get(0), Actor.ADMIN),
              new MediaUrlService.RegenerateRequest(conversation.get(1), null, null),
              context.requestId());
      evidence.add(
          Evidence.of(
              "conversation " + conversation.get(1),
              result.regenerated() + " URL(s) re-signed, valid until " + result.expiresAt()));
    }
    List<BrokenUrl> still =
        brokenKeptUrls(
            window(target.firestore(), now.minus(context.options().since())),
            context.clock().instant());
    if (!still.isEmpty()) {
      return Finding.problem(
          still.size()
              + " kept URL(s) still do not download after regenerating ("
              + still.get(0).why()
              + ")",
          "the fresh signature fails too: run diagnose and check the signing key and bucket permissions",
          evidence);
    }
    return Finding.ok(
        "media URLs regenerated in " + conversations.size() + " conversation(s)", evidence);
  }

  private Finding retry(OpsContext context) {
    Target target = context.target();
    List<MediaItem> failed =
        window(target.firestore(), context.clock().instant().minus(context.options().since()))
            .stream()
            .map(MediaItem::fromSnapshot)
            .filter(
                item ->
                    !item.isStored()
                        && item.sourceUrl() != null
                        && "inbound".equals(item.direction()))
            .filter(
                item ->
                    MediaItem.FAILED.equals(item.status())
                        || MediaItem.PENDING.equals(item.status()))
            .toList();
    List<Evidence> evidence = new ArrayList<>();
    if (failed.isEmpty()) {
      return Finding.ok("nothing to fix: no failed inbound media in the window", evidence);
    }
    if (!context.confirm("download " + failed.size() + " failed inbound media item(s) again")) {
      return Finding.declined("retry");
    }
    MediaStore store = MediaStores.fromSettings(target.settings(), context.clock());
    MediaIngestService ingest =
        new MediaIngestService(
            target.firestore(),
            new TwilioMediaDownloader(
                MediaSources.from(target.settings()),
                MediaPolicy.from(target.settings()),
                target.twilio()),
            store,
            context.clock());
    int stored = 0;
    for (MediaItem item : failed) {
      MediaItem after = ingest.retry(item.workspaceId(), item.id());
      stored += after.isStored() ? 1 : 0;
      evidence.add(
          Evidence.of(
              "media " + item.id(),
              after.status()
                  + (after.failureReason() == null
                      ? ""
                      : " " + after.failureReason() + " (" + after.failureDetail() + ")")));
    }
    context.audit(
        failed.get(0).workspaceId(),
        com.utalk.audit.AuditActions.OPS_MEDIA_RETRY,
        "media",
        String.join(",", failed.stream().map(MediaItem::id).toList()),
        Map.of("failed", failed.size()),
        Map.of("stored", stored));
    if (stored < failed.size()) {
      return Finding.problem(
          (failed.size() - stored)
              + " of "
              + failed.size()
              + " media item(s) still fail to download",
          "the media host still refuses them: if Twilio deleted them, ask the customer to resend",
          evidence);
    }
    return Finding.ok(stored + " media item(s) downloaded and stored", evidence);
  }
}
