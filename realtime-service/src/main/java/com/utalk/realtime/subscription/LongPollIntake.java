package com.utalk.realtime.subscription;

import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.DeadlineExceededException;
import com.google.api.gax.rpc.NotFoundException;
import com.google.cloud.pubsub.v1.stub.SubscriberStub;
import com.google.pubsub.v1.AcknowledgeRequest;
import com.google.pubsub.v1.ModifyAckDeadlineRequest;
import com.google.pubsub.v1.ProjectSubscriptionName;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.PullRequest;
import com.google.pubsub.v1.PullResponse;
import com.google.pubsub.v1.ReceivedMessage;
import com.utalk.gcp.PubSubTransport;
import com.utalk.logging.Log;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One thread in a loop of unary pulls, each waiting until messages are there. The call's own
 * deadline is longer than the server's wait (the emulator returns an empty answer after about 90
 * s), so a pull is never cancelled while the server may be handing it messages: a cancelled pull's
 * messages would stay leased to nobody until their ack deadline.
 */
final class LongPollIntake implements MessageIntake {
  private static final Log LOG = Log.get(LongPollIntake.class);
  static final Duration PULL_DEADLINE = Duration.ofSeconds(120);
  private static final int MAX_MESSAGES = 1_000;
  private static final Duration RETRY_AFTER_ERROR = Duration.ofMillis(500);

  private final PubSubTransport transport;
  private final ProjectSubscriptionName subscription;
  private volatile boolean running;
  private SubscriberStub stub;
  private Thread loop;

  LongPollIntake(PubSubTransport transport, ProjectSubscriptionName subscription) {
    this.transport = transport;
    this.subscription = subscription;
  }

  @Override
  public void start(Predicate<PubsubMessage> handler, Consumer<Throwable> onFailure) {
    stub = transport.subscriberStub(PULL_DEADLINE);
    running = true;
    loop = new Thread(() -> pullUntilClosed(handler, onFailure), "pubsub-long-poll");
    loop.setDaemon(true);
    loop.start();
  }

  private void pullUntilClosed(Predicate<PubsubMessage> handler, Consumer<Throwable> onFailure) {
    PullRequest request =
        PullRequest.newBuilder()
            .setSubscription(subscription.toString())
            .setMaxMessages(MAX_MESSAGES)
            .build();
    while (running) {
      PullResponse response;
      try {
        response = stub.pullCallable().call(request);
      } catch (DeadlineExceededException e) {
        continue;
      } catch (NotFoundException e) {
        // The subscription is gone (deleted by hand, or expired): as the streaming subscriber,
        // stop.
        running = false;
        onFailure.accept(e);
        return;
      } catch (ApiException | IllegalStateException e) {
        if (running) {
          LOG.warn(
              "pull failed; retrying",
              "subscription",
              subscription.getSubscription(),
              "error",
              e.toString());
          pause();
        }
        continue;
      }
      settle(response.getReceivedMessagesList(), handler);
    }
  }

  /**
   * Hands every message to the handler, then acks the handled ones and releases the rest at once.
   */
  private void settle(List<ReceivedMessage> received, Predicate<PubsubMessage> handler) {
    if (received.isEmpty()) {
      return;
    }
    List<String> acks = new ArrayList<>(received.size());
    List<String> nacks = new ArrayList<>();
    for (ReceivedMessage message : received) {
      (handler.test(message.getMessage()) ? acks : nacks).add(message.getAckId());
    }
    try {
      if (!acks.isEmpty()) {
        stub.acknowledgeCallable()
            .call(
                AcknowledgeRequest.newBuilder()
                    .setSubscription(subscription.toString())
                    .addAllAckIds(acks)
                    .build());
      }
      if (!nacks.isEmpty()) {
        stub.modifyAckDeadlineCallable()
            .call(
                ModifyAckDeadlineRequest.newBuilder()
                    .setSubscription(subscription.toString())
                    .addAllAckIds(nacks)
                    .setAckDeadlineSeconds(0)
                    .build());
      }
    } catch (ApiException e) {
      // Not acked: Pub/Sub redelivers after the deadline and the fan-out drops what it already
      // sent.
      LOG.warn(
          "ack failed; the events will be redelivered",
          "subscription",
          subscription.getSubscription(),
          "error",
          e.toString());
    }
  }

  private void pause() {
    try {
      Thread.sleep(RETRY_AFTER_ERROR.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  @Override
  public void close() {
    running = false;
    if (stub != null) {
      stub.shutdownNow();
    }
    if (loop != null) {
      try {
        loop.join(Duration.ofSeconds(5).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
