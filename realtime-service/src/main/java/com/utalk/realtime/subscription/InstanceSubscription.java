package com.utalk.realtime.subscription;

import com.google.api.gax.rpc.NotFoundException;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.protobuf.Duration;
import com.google.pubsub.v1.ExpirationPolicy;
import com.google.pubsub.v1.ProjectSubscriptionName;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.Subscription;
import com.google.pubsub.v1.TopicName;
import com.utalk.events.ConversationEvent;
import com.utalk.gcp.PubSubTransport;
import com.utalk.json.Json;
import com.utalk.logging.Log;
import com.utalk.logging.RequestContext;
import com.utalk.platform.Topics;
import java.util.function.Consumer;

/**
 * This instance's own subscription to {@code conversation-events}: every instance must see every
 * event (its sockets may be in any room), so instances cannot share one. Created at start with an
 * expiration policy, so the subscription of an instance that crashed (SIGKILL, OOM) is deleted by
 * Pub/Sub once idle for {@link #EXPIRE_AFTER_IDLE}; deleted at once on a graceful stop. Messages
 * are kept only briefly: a reconnecting client catches up from Firestore, not from Pub/Sub.
 */
public final class InstanceSubscription implements AutoCloseable {
  /** Pub/Sub's shortest expiration: an idle subscription of a dead instance goes after one day. */
  public static final java.time.Duration EXPIRE_AFTER_IDLE = java.time.Duration.ofDays(1);

  /** Pub/Sub's shortest retention; older undelivered events are only useful from the event log. */
  static final java.time.Duration RETENTION = java.time.Duration.ofMinutes(10);

  static final int ACK_DEADLINE_SECONDS = 10;
  public static final String PREFIX = "realtime-";

  public enum State {
    STARTING,
    ACTIVE,
    FAILED,
    STOPPED
  }

  private static final Log LOG = Log.get(InstanceSubscription.class);

  private final PubSubTransport transport;
  private final String name;
  private final Consumer<ConversationEvent> handler;
  private volatile State state = State.STARTING;
  private volatile String failure;
  private final PullMode mode;
  private MessageIntake intake;

  public InstanceSubscription(
      PubSubTransport transport,
      String instanceId,
      PullMode mode,
      Consumer<ConversationEvent> handler) {
    this.transport = transport;
    this.name = PREFIX + instanceId;
    this.mode = mode;
    this.handler = handler;
  }

  public PullMode mode() {
    return mode;
  }

  public String name() {
    return name;
  }

  public State state() {
    return state;
  }

  /** Why the subscription is FAILED (null otherwise). */
  public String failure() {
    return failure;
  }

  /** Creates the subscription and starts pulling; returns once the subscriber runs. */
  public synchronized void start() {
    String project = transport.project().projectId();
    Subscription subscription =
        Subscription.newBuilder()
            .setName(ProjectSubscriptionName.of(project, name).toString())
            .setTopic(TopicName.of(project, Topics.CONVERSATION_EVENTS).toString())
            .setAckDeadlineSeconds(ACK_DEADLINE_SECONDS)
            // No ordered delivery: the fan-out orders by each event's seq and fills gaps from the
            // event log, while an ordering key stalls behind one message whose ack was lost with
            // its
            // stream (seen on the emulator when it drops idle streams) until redelivery.
            .setEnableMessageOrdering(false)
            .setMessageRetentionDuration(Duration.newBuilder().setSeconds(RETENTION.toSeconds()))
            .setExpirationPolicy(
                ExpirationPolicy.newBuilder()
                    .setTtl(Duration.newBuilder().setSeconds(EXPIRE_AFTER_IDLE.toSeconds())))
            .putLabels("service", "realtime")
            .build();
    try (SubscriptionAdminClient admin = transport.subscriptionAdmin()) {
      admin.createSubscription(subscription);
    } catch (RuntimeException e) {
      fail(e);
      throw e;
    }
    intake =
        mode == PullMode.LONG_POLL
            ? new LongPollIntake(transport, ProjectSubscriptionName.of(project, name))
            : new StreamingPullIntake(transport, ProjectSubscriptionName.of(project, name));
    intake.start(this::receive, this::fail);
    state = State.ACTIVE;
    LOG.info(
        "instance subscription active",
        "subscription",
        name,
        "topic",
        Topics.CONVERSATION_EVENTS,
        "pull",
        mode.name());
  }

  /** True to ack: handled, or unreadable (a message nobody can read is not redelivered forever). */
  private boolean receive(PubsubMessage message) {
    ConversationEvent event;
    try {
      event = Json.read(message.getData().toByteArray(), ConversationEvent.class);
    } catch (RuntimeException e) {
      // A message nobody can read is dropped, not redelivered forever.
      LOG.warn(
          "unreadable conversation event dropped",
          "messageId",
          message.getMessageId(),
          "error",
          e.getClass().getSimpleName());
      return true;
    }
    String requestId = message.getAttributesOrDefault(RequestContext.REQUEST_ID_ATTRIBUTE, "");
    RequestContext context =
        requestId.isBlank() ? RequestContext.fresh() : new RequestContext(requestId, null);
    try (RequestContext.Scope ignored = context.open()) {
      handler.accept(event);
      return true;
    } catch (RuntimeException e) {
      LOG.error(
          "conversation event not delivered; Pub/Sub will redeliver",
          e,
          "eventId",
          event.eventId());
      return false;
    }
  }

  private void fail(Throwable error) {
    failure = error.getClass().getSimpleName() + ": " + error.getMessage();
    state = State.FAILED;
    LOG.error("instance subscription failed", error, "subscription", name);
  }

  /** Stops pulling and deletes the subscription (graceful shutdown). */
  @Override
  public synchronized void close() {
    if (intake != null) {
      intake.close();
    }
    try (SubscriptionAdminClient admin = transport.subscriptionAdmin()) {
      admin.deleteSubscription(ProjectSubscriptionName.of(transport.project().projectId(), name));
      LOG.info("instance subscription deleted", "subscription", name);
    } catch (NotFoundException e) {
      LOG.debug("instance subscription already gone", "subscription", name);
    } catch (RuntimeException e) {
      LOG.warn(
          "instance subscription not deleted; it expires when idle",
          "subscription",
          name,
          "error",
          e.toString());
    }
    state = State.STOPPED;
  }
}
