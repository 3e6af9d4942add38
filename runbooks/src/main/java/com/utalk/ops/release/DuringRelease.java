package com.utalk.ops.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.utalk.auth.Role;
import com.utalk.auth.users.DemoUsers;
import com.utalk.backup.BackupManifest;
import com.utalk.backup.BackupOutcome;
import com.utalk.backup.BackupReader;
import com.utalk.backup.BackupSettings;
import com.utalk.backup.FirestoreBackup;
import com.utalk.backup.LocalBackupBucket;
import com.utalk.changes.ChangeAnnouncements;
import com.utalk.changes.Changelog;
import com.utalk.changes.Release;
import com.utalk.emulators.stack.StackConfig;
import com.utalk.emulators.twilio.InboundWebhook;
import com.utalk.emulators.twilio.SimulateInbound;
import com.utalk.events.PubSubEventPublisher;
import com.utalk.json.Json;
import com.utalk.messaging.PhoneNumber;
import com.utalk.ops.cli.OpsContext;
import com.utalk.ops.environment.CloudTarget;
import com.utalk.ops.environment.LocalTarget;
import com.utalk.ops.probes.HttpProbe;
import com.utalk.storage.FirestoreCalls;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The document's "Durante la Liberación" checklist: a backup taken and verified, the deploy, health
 * checks, smoke tests (a signed webhook stored once, a login, a socket connect and ack), then the
 * release's changes announced to every front end ({@code api.changes}). Locally the deploy records
 * the version's artifacts and restarts the stack on them (LocalDeployment).
 */
final class DuringRelease {
  private DuringRelease() {}

  /** What the smoke tests leave for the next check (the conversation, the token). */
  private static final class Smoke {
    String conversationId;
    String token;
  }

  static List<Check> checks(ReleaseInputs inputs) {
    Smoke smoke = new Smoke();
    return List.of(
        Check.of("backup taken and verified", DuringRelease::backup),
        Check.of("deploy", context -> deploy(context, inputs)),
        Check.of("health checks", PreRelease::healthy),
        Check.of("smoke: signed webhook stored once", context -> webhook(context, smoke)),
        Check.of("smoke: login", context -> login(context, smoke)),
        Check.of("smoke: socket connect and ack", context -> socket(context, smoke)),
        Check.of(
            "changes of " + inputs.version() + " announced (api.changes)",
            context -> announce(context, inputs)));
  }

  static Check.Result backup(OpsContext context) throws Exception {
    BackupSettings settings = BackupSettings.from(context.target().settings());
    var bucket =
        context.target() instanceof LocalTarget local
            ? new LocalBackupBucket(local.config().backupDir())
            : settings.openBucket();
    BackupOutcome outcome =
        new FirestoreBackup(context.target().firestore(), bucket, context.clock(), settings)
            .run("release");
    if (!outcome.ok()) {
      return Check.Result.failed(
          "backup " + outcome.backupId() + " " + outcome.status() + ": " + outcome.reason());
    }
    BackupReader reader = new BackupReader(bucket);
    BackupManifest manifest = reader.manifest(outcome.backupId());
    reader.verify(manifest);
    return Check.Result.passed(
        "backup "
            + outcome.backupId()
            + ": "
            + manifest.documents()
            + " documents in "
            + manifest.files().size()
            + " files, every file re-read and matching its SHA-256 and count");
  }

  static Check.Result deploy(OpsContext context, ReleaseInputs inputs) throws Exception {
    return Check.Result.passed(deployment(context, inputs).deploy());
  }

  /**
   * Locally the stack's versioned releases; in the cloud Terraform and gcloud (CloudDeployment).
   */
  static Deployment deployment(OpsContext context, ReleaseInputs inputs) {
    if (context.target() instanceof LocalTarget local) {
      if (dryRun(context)) {
        throw new com.utalk.ops.cli.UsageException(
            "--dry-run is for --env dev|staging|prod (the local deploy is a restart of the stack)");
      }
      if (context.options().find("canary").isPresent()) {
        throw new com.utalk.ops.cli.UsageException(
            "--canary is for --env dev|staging|prod (the local stack runs one release at a time)");
      }
      return new LocalDeployment(local.config(), inputs.version(), Map.of());
    }
    if (context.target() instanceof CloudTarget cloud) {
      return new CloudDeployment(
          cloud.environment(),
          inputs.repoRoot(),
          inputs.version(),
          new CommandRunner(Map.of(), dryRun(context)),
          canaryPercent(context));
    }
    throw new IllegalStateException("no deployment for the target " + context.target().name());
  }

  /**
   * {@code --canary N}: the new realtime revision takes N% (1..99) of the traffic; without it, all.
   */
  static int canaryPercent(OpsContext context) {
    if (context.options().find("canary").isEmpty()) {
      return 0;
    }
    String given = context.options().require("canary");
    try {
      int percent = Integer.parseInt(given);
      if (percent >= 1 && percent <= 99) {
        return percent;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new com.utalk.ops.cli.UsageException(
        "--canary must be a percentage 1..99 of the realtime traffic, not '" + given + "'");
  }

  /**
   * {@code --dry-run}: print the commands that would change the environment, run only those that
   * read.
   */
  static boolean dryRun(OpsContext context) {
    return Boolean.parseBoolean(context.options().find("dry-run").orElse("false"));
  }

  static Check.Result webhook(OpsContext context, Smoke smoke) throws Exception {
    if (!(context.target() instanceof LocalTarget local)) {
      return Check.Result.failed(
          "needs the environment's test WhatsApp number: run it locally or from the pipeline's smoke stage");
    }
    StackConfig config = local.config();
    InboundWebhook webhook =
        InboundWebhook.text(
            config.twilio(),
            PhoneNumber.parse("+5215500000777"),
            PhoneNumber.parse(config.whatsappNumber()),
            "release smoke test");
    URI url = URI.create(config.gatewayUrl() + InboundWebhook.PATH);
    int first = SimulateInbound.post(webhook, url, config.publicBaseUrl()).status();
    int again =
        SimulateInbound.post(webhook, url, config.publicBaseUrl()).status(); // Twilio's retry
    var stored =
        FirestoreCalls.await(
                context
                    .target()
                    .firestore()
                    .collection("messages")
                    .whereEqualTo("twilioSid", webhook.messageSid())
                    .get())
            .getDocuments();
    String evidence =
        "MessageSid "
            + webhook.messageSid()
            + ": answered "
            + first
            + " then "
            + again
            + " (retry), stored "
            + stored.size()
            + " time(s)";
    if (first != 200 || again != 200 || stored.size() != 1) {
      return Check.Result.failed(evidence);
    }
    smoke.conversationId = stored.get(0).getString("conversationId");
    return Check.Result.passed(evidence + ", conversation " + smoke.conversationId);
  }

  static Check.Result login(OpsContext context, Smoke smoke) {
    DemoUsers.Credential admin =
        DemoUsers.credentials().stream()
            .filter(c -> c.role() == Role.ADMIN)
            .findFirst()
            .orElseThrow();
    String email = context.options().find("smoke-email").orElse(admin.email());
    String password = context.target().settings().get("OPS_SMOKE_PASSWORD", admin.password());
    HttpProbe.Answer answer =
        HttpProbe.postJson(
            context.target().publicBaseUrl() + "/api/auth/login",
            Json.write(Map.of("email", email, "password", password)));
    smoke.token = answer.json().path("accessToken").asText(null);
    String evidence = "POST /api/auth/login as " + email + ": " + answer.summary();
    return answer.status() == 200 && smoke.token != null
        ? Check.Result.passed(evidence)
        : Check.Result.failed(evidence);
  }

  static Check.Result socket(OpsContext context, Smoke smoke) throws Exception {
    if (smoke.token == null || smoke.conversationId == null) {
      return Check.Result.failed("needs the login and the webhook's conversation");
    }
    JsonNode ack =
        SocketSmoke.connectAndAck(
            context.target().realtimeUrl(),
            smoke.token,
            "conversation:join",
            Map.of("conversationId", smoke.conversationId),
            Duration.ofSeconds(15));
    String evidence =
        "connected to " + context.target().realtimeUrl() + ", conversation:join acked " + ack;
    return ack.path("ok").asBoolean()
        ? Check.Result.passed(evidence)
        : Check.Result.failed(evidence);
  }

  static Check.Result announce(OpsContext context, ReleaseInputs inputs) throws Exception {
    Release release =
        Changelog.parse(Files.readString(inputs.repoRoot().resolve("CHANGELOG.md")))
            .release(inputs.version())
            .orElse(null);
    if (release == null) {
      return Check.Result.failed("CHANGELOG.md has no section for " + inputs.version());
    }
    try (PubSubEventPublisher publisher = new PubSubEventPublisher(context.target().pubsub())) {
      new ChangeAnnouncements(publisher, context.clock()).publish(release, context.requestId());
    }
    return Check.Result.passed(
        release.changes().size()
            + " change(s) published on conversation-events as event "
            + ChangeAnnouncements.eventId(release)
            + "; sockets receive api:changes");
  }
}
