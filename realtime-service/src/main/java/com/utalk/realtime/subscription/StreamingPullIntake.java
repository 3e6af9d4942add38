package com.utalk.realtime.subscription;

import com.google.api.gax.batching.FlowControlSettings;
import com.google.api.gax.core.InstantiatingExecutorProvider;
import com.google.cloud.pubsub.v1.MessageReceiver;
import com.google.cloud.pubsub.v1.Subscriber;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.pubsub.v1.ProjectSubscriptionName;
import com.google.pubsub.v1.PubsubMessage;
import com.utalk.gcp.PubSubTransport;
import com.utalk.logging.Log;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** The client library's streaming pull: what production Pub/Sub is built for. */
final class StreamingPullIntake implements MessageIntake {
  private static final Log LOG = Log.get(StreamingPullIntake.class);

  private final PubSubTransport transport;
  private final ProjectSubscriptionName subscription;
  private Subscriber subscriber;

  StreamingPullIntake(PubSubTransport transport, ProjectSubscriptionName subscription) {
    this.transport = transport;
    this.subscription = subscription;
  }

  @Override
  public void start(Predicate<PubsubMessage> handler, Consumer<Throwable> onFailure) {
    MessageReceiver receiver =
        (message, reply) -> {
          if (handler.test(message)) {
            reply.ack();
          } else {
            reply.nack();
          }
        };
    Subscriber.Builder builder =
        Subscriber.newBuilder(subscription, receiver)
            .setParallelPullCount(1)
            .setFlowControlSettings(
                FlowControlSettings.newBuilder().setMaxOutstandingElementCount(1_000L).build())
            .setExecutorProvider(
                InstantiatingExecutorProvider.newBuilder().setExecutorThreadCount(4).build());
    transport.channelProvider().ifPresent(builder::setChannelProvider);
    transport.credentialsProvider().ifPresent(builder::setCredentialsProvider);
    subscriber = builder.build();
    subscriber.addListener(
        new Subscriber.Listener() {
          @Override
          public void failed(Subscriber.State from, Throwable error) {
            onFailure.accept(error);
          }
        },
        MoreExecutors.directExecutor());
    subscriber.startAsync().awaitRunning();
  }

  @Override
  public void close() {
    if (subscriber == null) {
      return;
    }
    subscriber.stopAsync();
    try {
      subscriber.awaitTerminated(5, TimeUnit.SECONDS);
    } catch (TimeoutException | IllegalStateException e) {
      LOG.warn("subscriber did not stop in time", "subscription", subscription.getSubscription());
    }
  }
}
