package com.utalk.kpi;

import com.utalk.storage.Collections;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The raw collections the KPIs are computed from and how a document maps to counters, including
 * which of its times puts it in an hour bucket (the facts' {@code at}). The triggers and the full
 * recompute both go through here, so they cannot disagree about what a document counts for.
 */
public enum KpiSource {
  MESSAGES(
      Collections.MESSAGES,
      List.of(
          "workspaceId",
          "createdAt",
          "direction",
          "status",
          "author",
          "botResponse",
          "botResponseTime",
          "responseTime",
          "hasMedia",
          "mediaId",
          "mediaIds",
          "media"),
      fields -> {
        MessageFacts facts = MessageFacts.from(fields);
        return new Counted(facts.workspaceId(), facts.createdAt(), facts.tally());
      }),
  CONVERSATIONS(
      Collections.CONVERSATIONS,
      List.of("workspaceId", "createdAt", "status", "resolvedInFirstContact"),
      fields -> {
        ConversationFacts facts = ConversationFacts.from(fields);
        return new Counted(facts.workspaceId(), facts.createdAt(), facts.tally());
      }),
  ESCALATIONS(
      Collections.ESCALATIONS,
      List.of("workspaceId", "conversationCreatedAt", "escalatedAt"),
      fields -> {
        EscalationFacts facts = EscalationFacts.from(fields);
        return new Counted(facts.workspaceId(), facts.escalatedAt(), facts.tally());
      }),
  RATINGS(
      Collections.RATINGS,
      List.of("workspaceId", "createdAt", "kind", "score"),
      fields -> {
        RatingFacts facts = RatingFacts.from(fields);
        return new Counted(facts.workspaceId(), facts.createdAt(), facts.tally());
      });

  private final String collection;
  private final List<String> fields;
  private final Function<Map<String, Object>, Counted> count;

  KpiSource(String collection, List<String> fields, Function<Map<String, Object>, Counted> count) {
    this.collection = collection;
    this.fields = fields;
    this.count = count;
  }

  public String collection() {
    return collection;
  }

  /** The only fields the KPIs read (the recompute asks Firestore for just these). */
  public List<String> fields() {
    return fields;
  }

  /** Empty for a document without workspace or time: it cannot be placed in a bucket. */
  public Optional<Contribution> contribution(Map<String, Object> document) {
    if (document == null) {
      return Optional.empty();
    }
    Counted counted = count.apply(document);
    if (counted.workspaceId() == null || counted.at() == null || counted.tally().isZero()) {
      return Optional.empty();
    }
    return Optional.of(
        new Contribution(counted.workspaceId(), Period.HOUR.start(counted.at()), counted.tally()));
  }

  public static Optional<KpiSource> forCollection(String collection) {
    for (KpiSource source : values()) {
      if (source.collection.equals(collection)) {
        return Optional.of(source);
      }
    }
    return Optional.empty();
  }

  private record Counted(String workspaceId, Instant at, Tally tally) {}
}
