package com.utalk.bot;

import com.google.cloud.firestore.Firestore;
import com.utalk.storage.Collections;
import com.utalk.storage.FirestoreCalls;
import com.utalk.storage.Timestamps;
import java.util.HashMap;
import java.util.Map;

/** The {@code botRuns} collection: one document per inbound message the bot looked at. */
public final class BotRuns {
  private final Firestore firestore;

  public BotRuns(Firestore firestore) {
    this.firestore = firestore;
  }

  public boolean exists(String inboundMessageId) {
    return FirestoreCalls.await(
            firestore.collection(Collections.BOT_RUNS).document(inboundMessageId).get())
        .exists();
  }

  public void save(BotRun run) {
    Map<String, Object> doc = new HashMap<>();
    doc.put("inboundMessageId", run.inboundMessageId());
    doc.put("workspaceId", run.workspaceId());
    doc.put("conversationId", run.conversationId());
    doc.put("outcome", run.outcome().wire());
    doc.put("reason", run.reason());
    doc.put("responder", run.responder());
    doc.put("offline", "offline".equals(run.responder()));
    doc.put("model", run.model());
    doc.put("attempts", run.attempts());
    doc.put("latencyMs", run.modelLatencyMs());
    doc.put("promptTokens", run.promptTokens());
    doc.put("completionTokens", run.completionTokens());
    doc.put("totalTokens", run.totalTokens());
    doc.put("replyMessageId", run.replyMessageId());
    doc.put("botResponseTime", run.botResponseTime());
    doc.put("error", run.error());
    doc.put("escalationId", run.escalationId());
    doc.put("startedAt", Timestamps.of(run.startedAt()));
    doc.put("finishedAt", Timestamps.of(run.finishedAt()));
    doc.put("requestId", run.requestId());
    FirestoreCalls.await(
        firestore.collection(Collections.BOT_RUNS).document(run.inboundMessageId()).set(doc));
  }
}
