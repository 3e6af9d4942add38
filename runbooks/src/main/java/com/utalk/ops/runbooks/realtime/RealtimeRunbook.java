package com.utalk.ops.runbooks.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.api.gax.rpc.NotFoundException;
import com.google.cloud.firestore.Query;
import com.google.cloud.firestore.QueryDocumentSnapshot;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.pubsub.v1.ProjectSubscriptionName;
import com.google.pubsub.v1.TopicName;
import com.utalk.audit.AuditActions;
import com.utalk.ops.cli.Evidence;
import com.utalk.ops.cli.Finding;
import com.utalk.ops.cli.OpsAction;
import com.utalk.ops.cli.OpsAudit;
import com.utalk.ops.cli.OpsCommand;
import com.utalk.ops.cli.OpsContext;
import com.utalk.ops.environment.Target;
import com.utalk.ops.probes.HttpProbe;
import com.utalk.platform.Topics;
import com.utalk.storage.Collections;
import com.utalk.storage.FirestoreCalls;
import com.utalk.storage.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * "Eventos RT sin acks" (runbooks/eventos-rt-sin-acks.md). There is no Redis: each realtime
 * instance holds its sockets in memory and receives every conversation event through its own
 * Pub/Sub subscription {@code realtime-<instance>}. So the checks are the instance's
 * /health/socket, whether that subscription still exists at Pub/Sub, and whether the newest event
 * published (the Firestore outbox) reached the instance. The fix restarts the instance (locally its
 * process, in the cloud a new revision): it creates a fresh subscription, and clients reconnect and
 * catch up from the event log.
 */
public final class RealtimeRunbook implements OpsCommand {
  /** An event older than this that the instance has not seen means its feed is stalled. */
  static final Duration STALL = Duration.ofSeconds(15);

  @Override
  public String name() {
    return "realtime";
  }

  @Override
  public String summary() {
    return "\"Eventos RT sin acks\" (runbooks/eventos-rt-sin-acks.md)";
  }

  @Override
  public List<OpsAction> actions() {
    return List.of(
        OpsAction.reading(
            "diagnose",
            "/health/socket, the instance's Pub/Sub subscription, events published vs delivered, "
                + "unpublished outbox entries",
            this::diagnose),
        OpsAction.changing(
            "fix",
            "restart the realtime instance (new subscription; clients reconnect and catch up) "
                + "(asks first, audited, idempotent)",
            this::fix));
  }

  /** What the checks found; {@code cause} empty when healthy. */
  record Check(Optional<String> cause, List<Evidence> evidence) {}

  private Check check(OpsContext context) {
    Target target = context.target();
    Instant now = context.clock().instant();
    List<Evidence> evidence = new ArrayList<>();
    HttpProbe.Answer health = HttpProbe.get(target.realtimeUrl() + "/health/socket");
    evidence.add(
        Evidence.of(
            "GET /health/socket",
            health.answered() ? health.status() + " " + health.body() : health.summary()));
    if (!health.answered()) {
      return new Check(
          Optional.of(
              "the realtime service does not answer at "
                  + target.realtimeUrl()
                  + " ("
                  + health.error()
                  + ")"),
          evidence);
    }
    JsonNode socket = health.json();
    String subscription = socket.path("subscription").path("name").asText("");
    String state = socket.path("subscription").path("state").asText("");
    boolean exists = subscriptionExists(target, subscription);
    evidence.add(
        Evidence.of("subscription " + subscription + " at Pub/Sub", exists ? "exists" : "missing"));
    evidence.add(
        Evidence.of(
            "realtime subscriptions on " + Topics.CONVERSATION_EVENTS,
            instanceSubscriptions(target)));

    Optional<QueryDocumentSnapshot> newest = newestEvent(target);
    Instant newestAt = newest.map(doc -> Timestamps.toInstant(doc.get("occurredAt"))).orElse(null);
    Instant lastSeen =
        socket.path("events").hasNonNull("lastEventAt")
            ? Instant.parse(socket.path("events").path("lastEventAt").asText())
            : null;
    evidence.add(
        Evidence.of(
            "newest event published",
            newest.map(doc -> doc.getId() + " at " + newestAt).orElse("none")));
    evidence.add(
        Evidence.of(
            "instance " + socket.path("instanceId").asText() + " last delivered",
            lastSeen
                + " ("
                + socket.path("events").path("delivered").asLong()
                + " delivered, lag "
                + socket.path("events").path("lastEventLagMs").asText("n/a")
                + " ms)"));
    evidence.add(
        Evidence.of(
            "connections / dropped packets",
            socket.path("connections").asInt() + " / " + socket.path("droppedPackets").asLong()));
    long unpublished = unpublishedEvents(target, now);
    evidence.add(Evidence.of("outbox events unpublished for over a minute", unpublished));

    if (!exists && !subscription.isEmpty()) {
      return new Check(
          Optional.of(
              "the instance's subscription "
                  + subscription
                  + " is gone at Pub/Sub: instance "
                  + socket.path("instanceId").asText()
                  + " receives no events (sockets connected: "
                  + socket.path("connections").asInt()
                  + ")"),
          evidence);
    }
    if (!"active".equals(state)) {
      return new Check(
          Optional.of(
              "subscription "
                  + subscription
                  + " is "
                  + state
                  + " ("
                  + socket.path("subscription").path("failure").asText("no failure recorded")
                  + "): /health/socket says "
                  + socket.path("status").asText()),
          evidence);
    }
    if (newestAt != null
        && lastSeen != null
        && Duration.between(lastSeen, newestAt).compareTo(STALL) > 0
        && Duration.between(newestAt, now).compareTo(STALL) > 0) {
      return new Check(
          Optional.of(
              "the instance's event feed is stalled: the newest event was published at "
                  + newestAt
                  + " but the instance last delivered one from "
                  + lastSeen),
          evidence);
    }
    if (unpublished > 0) {
      return new Check(
          Optional.of(
              unpublished
                  + " event(s) stored but never published to "
                  + Topics.CONVERSATION_EVENTS
                  + " (the outbox publisher is failing; clients only see them after a reconnect)"),
          evidence);
    }
    return new Check(Optional.empty(), evidence);
  }

  private Finding diagnose(OpsContext context) {
    Check check = check(context);
    if (check.cause().isEmpty()) {
      return Finding.ok(check.evidence());
    }
    String cause = check.cause().get();
    String next =
        cause.contains("never published")
            ? "look for 'publish failed' in the functions' logs and Pub/Sub's status; a retry of the request that stored an event publishes it (Twilio retries webhooks), clients get the rest with sync:since"
            : context.command("realtime fix") + " (restarts the instance)";
    return Finding.problem(cause, next, check.evidence());
  }

  private Finding fix(OpsContext context) throws Exception {
    Check check = check(context);
    if (check.cause().isEmpty()) {
      return Finding.ok(
          "nothing to fix: the instance is subscribed and up to date", check.evidence());
    }
    if (check.cause().get().contains("never published")) {
      return Finding.problem(
          check.cause().get(),
          "a restart of the realtime service would not help: fix publishing",
          check.evidence());
    }
    if (!context.confirm(
        "restart the realtime service ("
            + check.cause().get()
            + "); connected clients reconnect and catch up")) {
      return Finding.declined("realtime restart");
    }
    String outcome = context.target().restartRealtime();
    context.audit(
        OpsAudit.PLATFORM,
        AuditActions.OPS_REALTIME_RESTART,
        "service",
        "realtime-service",
        Map.of("cause", check.cause().get()),
        Map.of("outcome", outcome));
    List<Evidence> evidence = new ArrayList<>(List.of(Evidence.of("restart", outcome)));
    HttpProbe.Answer health = HttpProbe.get(context.target().realtimeUrl() + "/health/socket");
    evidence.add(
        Evidence.of(
            "GET /health/socket after",
            health.answered() ? health.status() + " " + health.body() : health.summary()));
    if (health.status() != 200) {
      return Finding.problem(
          "the realtime service is not healthy after the restart (" + health.summary() + ")",
          "look at its logs; escalate",
          evidence);
    }
    return Finding.ok(
        "realtime service restarted: instance "
            + health.json().path("instanceId").asText()
            + " subscribed as "
            + health.json().path("subscription").path("name").asText(),
        evidence);
  }

  private static boolean subscriptionExists(Target target, String name) {
    if (name.isEmpty()) {
      return false;
    }
    try (SubscriptionAdminClient admin = target.pubsub().subscriptionAdmin()) {
      admin.getSubscription(
          ProjectSubscriptionName.of(target.pubsub().project().projectId(), name));
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  /**
   * Every instance's subscription on the events topic (one per live instance; more: crashed
   * instances not yet expired).
   */
  private static List<String> instanceSubscriptions(Target target) {
    List<String> names = new ArrayList<>();
    try (TopicAdminClient admin = target.pubsub().topicAdmin()) {
      for (String subscription :
          admin
              .listTopicSubscriptions(
                  TopicName.of(target.pubsub().project().projectId(), Topics.CONVERSATION_EVENTS))
              .iterateAll()) {
        String name = ProjectSubscriptionName.parse(subscription).getSubscription();
        if (name.startsWith("realtime-")) { // InstanceSubscription.PREFIX in realtime-service
          names.add(name);
        }
      }
    }
    return names;
  }

  private static Optional<QueryDocumentSnapshot> newestEvent(Target target) {
    return FirestoreCalls.await(
            target
                .firestore()
                .collectionGroup(Collections.EVENTS)
                .orderBy("occurredAt", Query.Direction.DESCENDING)
                .limit(1)
                .get())
        .getDocuments()
        .stream()
        .findFirst();
  }

  private static long unpublishedEvents(Target target, Instant now) {
    // every conversation's events (a collection group: they live under conversations/{id}); one
    // equality filter, the age checked here (no composite index for a runbook query)
    return FirestoreCalls.await(
            target
                .firestore()
                .collectionGroup(Collections.EVENTS)
                .whereEqualTo("published", false)
                .limit(500)
                .get())
        .getDocuments()
        .stream()
        .map(doc -> Timestamps.toInstant(doc.get("occurredAt")))
        .filter(at -> at != null && at.isBefore(now.minus(Duration.ofMinutes(1))))
        .count();
  }
}
