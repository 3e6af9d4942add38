package com.utalk.bot;

import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Firestore;
import com.utalk.errors.ConflictException;
import com.utalk.escalation.EscalationRequest;
import com.utalk.escalation.EscalationResult;
import com.utalk.escalation.EscalationService;
import com.utalk.escalation.EscalationTrigger;
import com.utalk.events.ConversationEvent;
import com.utalk.flags.FlagContexts;
import com.utalk.flags.SeedFlags;
import com.utalk.json.Json;
import com.utalk.logging.Log;
import com.utalk.messaging.Author;
import com.utalk.messaging.Conversation;
import com.utalk.messaging.ConversationDocument;
import com.utalk.messaging.MessageView;
import com.utalk.messaging.OutboundMessageService;
import com.utalk.messaging.OutboundRequest;
import com.utalk.storage.Collections;
import com.utalk.storage.FirestoreCalls;
import dev.openfeature.sdk.Client;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Answers a customer's message. Runs on {@code message.received}; replies only while the
 * conversation has the bot on and no human owns it. A customer asking for a human, or the model
 * calling {@code escalate_to_human}, escalates instead of replying. A model failure is retried
 * once, then the configured fallback message is sent and (with autoEscalate, after the configured
 * number of failed runs in a row) the conversation is escalated.
 *
 * <p>Exactly-once towards the customer: the reply's message id derives from the inbound message id,
 * so a redelivered event re-queues the same id, which the outbound path stores only once; and a run
 * that already left its {@code botRuns} document is not repeated at all. The reply is queued
 * through {@link OutboundMessageService}, which re-checks inside its transaction that the bot may
 * still reply: a reply computed while an agent took over is dropped, never sent.
 */
public final class BotService {
  private static final Log LOG = Log.get(BotService.class);
  static final int MAX_ATTEMPTS = 2;

  private final Firestore firestore;
  private final AiConfigService configs;
  private final ChatModel model;
  private final OutboundMessageService outbound;
  private final EscalationService escalations;
  private final BotRuns runs;
  private final BotFailureCounter failures;
  private final ConversationHistory history;
  private final Client flags;
  private final Clock clock;

  public BotService(
      Firestore firestore,
      AiConfigService configs,
      ChatModel model,
      OutboundMessageService outbound,
      EscalationService escalations,
      Client flags,
      Clock clock) {
    this.firestore = firestore;
    this.configs = configs;
    this.model = model;
    this.outbound = outbound;
    this.escalations = escalations;
    this.runs = new BotRuns(firestore);
    this.failures = new BotFailureCounter(firestore, clock);
    this.history = new ConversationHistory(firestore);
    this.flags = flags;
    this.clock = clock;
  }

  /** Handles one conversation event; returns the run, or empty for events the bot ignores. */
  public Optional<BotRun> handle(ConversationEvent event, String requestId) {
    if (!ConversationEvent.MESSAGE_RECEIVED.equals(event.type())) {
      return Optional.empty();
    }
    MessageView inbound = Json.convert(event.payload(), MessageView.class);
    if (!"inbound".equals(inbound.direction()) || !"customer".equals(inbound.author())) {
      return Optional.empty();
    }
    if (runs.exists(inbound.id())) {
      LOG.info(
          "bot run already done for this message",
          "messageId",
          inbound.id(),
          "conversationId",
          event.conversationId());
      return Optional.empty();
    }
    Run run = new Run(event, inbound, requestId, clock.instant());
    BotRun result = decide(run);
    runs.save(result);
    LOG.info(
        "bot run",
        "conversationId",
        result.conversationId(),
        "messageId",
        result.inboundMessageId(),
        "outcome",
        result.outcome().wire(),
        "reason",
        result.reason(),
        "responder",
        result.responder(),
        "attempts",
        result.attempts(),
        "modelLatencyMs",
        result.modelLatencyMs(),
        "botResponseTime",
        result.botResponseTime(),
        "error",
        result.error());
    return Optional.of(result);
  }

  private BotRun decide(Run run) {
    DocumentSnapshot snapshot =
        FirestoreCalls.await(
            firestore
                .collection(Collections.CONVERSATIONS)
                .document(run.event.conversationId())
                .get());
    if (!snapshot.exists()) {
      return run.skipped("conversation_not_found");
    }
    Conversation conversation = ConversationDocument.fromSnapshot(snapshot);
    AiConfig config = configs.get(conversation.workspaceId());
    if (!config.enabled()) {
      return run.skipped("bot_disabled");
    }
    if (!conversation.botMayReply()) {
      return run.skipped(conversation.isClosed() ? "conversation_closed" : "bot_paused");
    }
    Optional<String> phrase =
        PhraseMatcher.firstMatch(run.inbound.body(), config.escalationPhrases());
    if (phrase.isPresent()) {
      EscalationResult escalated =
          escalate(
              run,
              EscalationTrigger.CUSTOMER_REQUEST,
              "customer asked for a human (\"" + phrase.get() + "\")");
      return run.escalated("customer_request", escalated.escalationId());
    }
    List<ChatModel.Turn> turns =
        history.upTo(conversation.id(), run.inbound.seq(), config.contextMessages());
    if (turns.isEmpty()) {
      turns = List.of(new ChatModel.Turn(ChatModel.Speaker.CUSTOMER, "[empty message]"));
    }
    // the ai-enhancements flag (per workspace, docs/api.md): the model is told the date and to
    // answer in the customer's language
    boolean enhanced =
        flags.getBooleanValue(
            SeedFlags.AI_ENHANCEMENTS, false, FlagContexts.workspace(conversation.workspaceId()));
    String systemPrompt =
        enhanced
            ? EnhancedPrompt.of(config.systemPrompt(), clock.instant())
            : config.systemPrompt();
    ChatModel.Request request = new ChatModel.Request(config.model(), systemPrompt, turns);
    run.requestedModel = config.model();
    long started = System.nanoTime();
    ChatModel.ModelFailure lastFailure = null;
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      try {
        ChatModel.Reply reply = model.complete(request);
        run.modelDone(attempt, millisSince(started), reply);
        failures.recordSuccess(conversation.id());
        if (reply.escalates()) {
          EscalationResult escalated =
              escalate(run, EscalationTrigger.TOOL_CALL, reply.escalationReason());
          return run.escalated("tool_call", escalated.escalationId());
        }
        return send(run, reply.text(), "replied");
      } catch (ChatModel.ModelFailure failure) {
        lastFailure = failure;
        LOG.warn(
            "bot model call failed",
            "conversationId",
            conversation.id(),
            "attempt",
            attempt,
            "error",
            failure.code());
      }
    }
    run.modelFailed(MAX_ATTEMPTS, millisSince(started), lastFailure.code());
    return afterFailure(run, conversation, config);
  }

  /**
   * Fallback message first (while the bot may still write), then escalation if the run of failures
   * calls for it.
   */
  private BotRun afterFailure(Run run, Conversation conversation, AiConfig config) {
    long inARow = failures.recordFailure(conversation.id());
    String fallbackId = null;
    if (config.fallbackMessage() != null && !config.fallbackMessage().isBlank()) {
      BotRun sent = send(run, config.fallbackMessage(), "fallback_sent");
      fallbackId = sent.outcome() == BotRun.Outcome.REPLIED ? sent.replyMessageId() : null;
    }
    String escalationId = null;
    if (config.autoEscalate() && inARow >= config.escalateAfterFailures()) {
      escalationId =
          escalate(
                  run,
                  EscalationTrigger.BOT_FAILURES,
                  "bot failed " + inARow + " time(s) in a row (" + run.error + ")")
              .escalationId();
    }
    return run.failed(fallbackId, escalationId, inARow);
  }

  private BotRun send(Run run, String text, String reason) {
    String replyId = BotReplyIds.forInbound(run.inbound.id());
    long responseTime =
        Math.max(0, Duration.between(run.inbound.createdAt(), clock.instant()).toMillis());
    OutboundRequest reply =
        new OutboundRequest(
            run.event.workspaceId(),
            run.event.conversationId(),
            replyId,
            truncate(text),
            List.of(),
            Author.bot(),
            responseTime);
    try {
      outbound.queue(reply, run.requestId);
      return run.replied(replyId, responseTime, reason);
    } catch (ConflictException e) {
      // The race the outbound transaction guards: escalated (or closed) while the model was
      // thinking.
      LOG.info(
          "escalation: bot reply dropped, the bot was paused meanwhile",
          "conversationId",
          run.event.conversationId(),
          "messageId",
          run.inbound.id(),
          "error",
          e.code());
      return run.skipped("bot_paused_before_reply");
    }
  }

  private EscalationResult escalate(Run run, EscalationTrigger trigger, String reason) {
    return escalations.escalate(
        new EscalationRequest(
            run.event.workspaceId(), run.event.conversationId(), trigger, reason, null),
        run.requestId);
  }

  private static String truncate(String text) {
    return text.length() <= OutboundRequest.MAX_BODY_CHARS
        ? text
        : text.substring(0, OutboundRequest.MAX_BODY_CHARS);
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }

  /** What one run found out so far; turned into its {@link BotRun} at the end. */
  private final class Run {
    final ConversationEvent event;
    final MessageView inbound;
    final String requestId;
    final Instant startedAt;
    int attempts;
    Long modelLatencyMs;
    ChatModel.Reply reply;
    String requestedModel;
    String error;

    Run(ConversationEvent event, MessageView inbound, String requestId, Instant startedAt) {
      this.event = event;
      this.inbound = inbound;
      this.requestId = requestId;
      this.startedAt = startedAt;
    }

    void modelDone(int attempts, long latencyMs, ChatModel.Reply reply) {
      this.attempts = attempts;
      this.modelLatencyMs = latencyMs;
      this.reply = reply;
    }

    void modelFailed(int attempts, long latencyMs, String error) {
      this.attempts = attempts;
      this.modelLatencyMs = latencyMs;
      this.error = error;
    }

    BotRun skipped(String reason) {
      return build(BotRun.Outcome.SKIPPED, reason, null, null, null);
    }

    BotRun escalated(String reason, String escalationId) {
      return build(BotRun.Outcome.ESCALATED, reason, null, null, escalationId);
    }

    BotRun replied(String replyId, long responseTime, String reason) {
      return build(BotRun.Outcome.REPLIED, reason, replyId, responseTime, null);
    }

    BotRun failed(String fallbackId, String escalationId, long inARow) {
      String reason =
          (fallbackId != null ? "fallback_sent" : "no_fallback")
              + (escalationId != null ? "_escalated" : "")
              + "; failures_in_a_row="
              + inARow;
      return build(BotRun.Outcome.FAILED, reason, fallbackId, null, escalationId);
    }

    private BotRun build(
        BotRun.Outcome outcome,
        String reason,
        String replyId,
        Long responseTime,
        String escalationId) {
      return new BotRun(
          inbound.id(),
          event.workspaceId(),
          event.conversationId(),
          outcome,
          reason,
          model.responder(),
          reply != null && reply.model() != null ? reply.model() : requestedModel,
          attempts,
          modelLatencyMs,
          reply == null ? null : reply.promptTokens(),
          reply == null ? null : reply.completionTokens(),
          reply == null ? null : reply.totalTokens(),
          replyId,
          responseTime,
          error,
          escalationId,
          startedAt,
          clock.instant(),
          requestId);
    }
  }
}
