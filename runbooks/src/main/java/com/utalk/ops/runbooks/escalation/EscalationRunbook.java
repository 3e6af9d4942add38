package com.utalk.ops.runbooks.escalation;

import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.QueryDocumentSnapshot;
import com.utalk.bot.Actor;
import com.utalk.bot.AiConfig;
import com.utalk.bot.AiConfigDefaults;
import com.utalk.bot.AiConfigService;
import com.utalk.escalation.ForcePauseBotService;
import com.utalk.events.EventOutbox;
import com.utalk.events.PubSubEventPublisher;
import com.utalk.messaging.ConversationStatus;
import com.utalk.ops.cli.Evidence;
import com.utalk.ops.cli.Finding;
import com.utalk.ops.cli.OpsAction;
import com.utalk.ops.cli.OpsCommand;
import com.utalk.ops.cli.OpsContext;
import com.utalk.storage.Collections;
import com.utalk.storage.FirestoreCalls;
import com.utalk.storage.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * "Escalamiento no pausa bot" (runbooks/escalamiento-no-pausa-bot.md): escalated conversations
 * whose bot is still on (old code wrote them, or a transaction lost), bot runs after the
 * escalation, and each affected workspace's AI config. The fix is the service behind the API's
 * force-pause-bot, per affected workspace.
 */
public final class EscalationRunbook implements OpsCommand {
  /** Conversations listed as evidence; the count covers all of them. */
  static final int SHOWN = 20;

  @Override
  public String name() {
    return "escalation";
  }

  @Override
  public String summary() {
    return "\"Escalamiento no pausa bot\" (runbooks/escalamiento-no-pausa-bot.md)";
  }

  @Override
  public List<OpsAction> actions() {
    return List.of(
        OpsAction.reading(
            "diagnose",
            "escalated conversations with the bot on, bot runs after escalatedAt, AI config",
            this::diagnose),
        OpsAction.changing(
            "fix",
            "force-pause-bot in every affected workspace (asks first, audited, idempotent)",
            this::fix));
  }

  /** Escalated conversations with botEnabled still true, grouped by workspace. */
  static Map<String, List<QueryDocumentSnapshot>> stillOn(Firestore firestore) {
    // equality filters only: served by single-field indexes, in every environment
    List<QueryDocumentSnapshot> docs =
        FirestoreCalls.await(
                firestore
                    .collection(Collections.CONVERSATIONS)
                    .whereEqualTo("status", ConversationStatus.ESCALATED.wire())
                    .whereEqualTo("botEnabled", true)
                    .get())
            .getDocuments();
    Map<String, List<QueryDocumentSnapshot>> byWorkspace = new TreeMap<>();
    docs.forEach(
        doc ->
            byWorkspace
                .computeIfAbsent(doc.getString("workspaceId"), ws -> new ArrayList<>())
                .add(doc));
    return byWorkspace;
  }

  private Finding diagnose(OpsContext context) {
    Firestore firestore = context.target().firestore();
    Map<String, List<QueryDocumentSnapshot>> stillOn = stillOn(firestore);
    List<Evidence> evidence = new ArrayList<>();
    int total = stillOn.values().stream().mapToInt(List::size).sum();
    evidence.add(Evidence.of("escalated conversations with botEnabled=true", total));
    int shown = 0;
    int runsAfter = 0;
    for (Map.Entry<String, List<QueryDocumentSnapshot>> workspace : stillOn.entrySet()) {
      AiConfig config =
          new AiConfigService(
                  firestore, AiConfigDefaults.from(context.target().settings()), context.clock())
              .get(workspace.getKey());
      evidence.add(
          Evidence.of(
              "workspace " + workspace.getKey(),
              workspace.getValue().size()
                  + " affected; AI config enabled="
                  + config.enabled()
                  + " autoEscalate="
                  + config.autoEscalate()));
      for (QueryDocumentSnapshot conversation : workspace.getValue()) {
        Instant escalatedAt = Timestamps.toInstant(conversation.get("escalatedAt"));
        int after = botRunsAfter(firestore, conversation.getId(), escalatedAt);
        runsAfter += after;
        if (shown++ < SHOWN) {
          evidence.add(
              Evidence.of(
                  "conversation " + conversation.getId(),
                  "escalatedAt " + escalatedAt + ", bot runs after it: " + after));
        }
      }
    }
    if (total == 0) {
      return Finding.ok(evidence);
    }
    evidence.add(Evidence.of("bot runs after escalatedAt", runsAfter));
    return Finding.problem(
        total
            + " escalated conversation(s) still have the bot on ("
            + runsAfter
            + " bot run(s) after escalation)",
        context.command("escalation fix"),
        evidence);
  }

  /**
   * Runs of the bot on this conversation that started after it was escalated (none should exist).
   */
  static int botRunsAfter(Firestore firestore, String conversationId, Instant escalatedAt) {
    if (escalatedAt == null) {
      return 0;
    }
    // one equality filter, filtered here: no composite index needed for a runbook query
    return (int)
        FirestoreCalls.await(
                firestore
                    .collection(Collections.BOT_RUNS)
                    .whereEqualTo("conversationId", conversationId)
                    .limit(500)
                    .get())
            .getDocuments()
            .stream()
            .map(run -> Timestamps.toInstant(run.get("startedAt")))
            .filter(started -> started != null && started.isAfter(escalatedAt))
            .count();
  }

  private Finding fix(OpsContext context) {
    Firestore firestore = context.target().firestore();
    Map<String, List<QueryDocumentSnapshot>> stillOn = stillOn(firestore);
    List<Evidence> evidence = new ArrayList<>();
    if (stillOn.isEmpty()) {
      return Finding.ok("nothing to fix: no escalated conversation has the bot on", evidence);
    }
    int total = stillOn.values().stream().mapToInt(List::size).sum();
    if (!context.confirm(
        "turn the bot off on "
            + total
            + " escalated conversation(s) in "
            + stillOn.size()
            + " workspace(s) "
            + stillOn.keySet())) {
      return Finding.declined("force-pause-bot on " + total + " conversation(s)");
    }
    EventOutbox outbox =
        new EventOutbox(
            firestore, new PubSubEventPublisher(context.target().pubsub()), context.clock());
    ForcePauseBotService service = new ForcePauseBotService(firestore, outbox, context.clock());
    int fixed = 0;
    for (String workspace : stillOn.keySet()) {
      // the service audits each conversation it changes, in that change's transaction
      ForcePauseBotService.Result result =
          service.forcePause(
              new Actor("ops:" + context.operator(), workspace, Actor.ADMIN), context.requestId());
      fixed += result.fixed();
      evidence.add(
          Evidence.of(
              "workspace " + workspace,
              "bot paused on " + result.fixed() + ": " + result.conversationIds()));
    }
    int left = stillOn(firestore).values().stream().mapToInt(List::size).sum();
    evidence.add(Evidence.of("still on after the fix", left));
    if (left > 0) {
      return Finding.problem(
          left + " escalated conversation(s) still have the bot on after force-pause-bot",
          "run diagnose again; if it persists, a writer is re-enabling the bot: escalate to the backend on-call",
          evidence);
    }
    return Finding.ok("bot paused on " + fixed + " escalated conversation(s)", evidence);
  }
}
