package com.utalk.events;

import com.google.api.core.ApiFuture;
import com.google.api.core.ApiFutureCallback;
import com.google.api.core.ApiFutures;
import com.google.api.gax.batching.BatchingSettings;
import com.google.api.gax.retrying.RetrySettings;
import com.google.cloud.pubsub.v1.Publisher;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.protobuf.ByteString;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.TopicName;
import com.utalk.gcp.PubSubTransport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Pub/Sub publisher per topic, message ordering on, batching tuned for latency rather than bulk.
 */
public final class PubSubEventPublisher implements EventPublisher, AutoCloseable {
  private static final Duration LIBRARY_GIVES_UP_AFTER = Duration.ofSeconds(10);

  /** How long callers wait for a publish: just past the library's own retries. */
  public static final Duration PUBLISH_WAIT = LIBRARY_GIVES_UP_AFTER.plusSeconds(1);

  private final PubSubTransport transport;
  private final Map<String, Publisher> publishers = new ConcurrentHashMap<>();

  public PubSubEventPublisher(PubSubTransport transport) {
    this.transport = transport;
  }

  @Override
  public CompletableFuture<String> publish(
      String topic, byte[] data, Map<String, String> attributes, String orderingKey) {
    Publisher publisher = publishers.computeIfAbsent(topic, this::newPublisher);
    PubsubMessage.Builder message =
        PubsubMessage.newBuilder().setData(ByteString.copyFrom(data)).putAllAttributes(attributes);
    if (orderingKey != null) {
      message.setOrderingKey(orderingKey);
    }
    CompletableFuture<String> result = new CompletableFuture<>();
    ApiFuture<String> sent = publisher.publish(message.build());
    ApiFutures.addCallback(
        sent,
        new ApiFutureCallback<>() {
          @Override
          public void onSuccess(String messageId) {
            result.complete(messageId);
          }

          @Override
          public void onFailure(Throwable error) {
            // An ordered publisher pauses the key after a failure; the caller will retry the
            // publish.
            if (orderingKey != null) {
              publisher.resumePublish(orderingKey);
            }
            result.completeExceptionally(error);
          }
        },
        MoreExecutors.directExecutor());
    return result;
  }

  private Publisher newPublisher(String topic) {
    try {
      Publisher.Builder builder =
          Publisher.newBuilder(TopicName.of(transport.project().projectId(), topic))
              .setEnableMessageOrdering(true)
              .setBatchingSettings(
                  BatchingSettings.newBuilder()
                      .setElementCountThreshold(100L)
                      .setRequestByteThreshold(1_000_000L)
                      .setDelayThresholdDuration(Duration.ofMillis(1))
                      .build())
              // The library must have given up before a caller reports "not published" (callers
              // wait
              // PUBLISH_WAIT): otherwise a late background retry would publish what the caller's
              // retry
              // publishes again. 10 s is the shortest total timeout the library accepts.
              .setRetrySettings(
                  RetrySettings.newBuilder()
                      .setInitialRetryDelayDuration(Duration.ofMillis(50))
                      .setRetryDelayMultiplier(2.0)
                      .setMaxRetryDelayDuration(Duration.ofMillis(500))
                      .setInitialRpcTimeoutDuration(Duration.ofSeconds(2))
                      .setRpcTimeoutMultiplier(1.0)
                      .setMaxRpcTimeoutDuration(Duration.ofSeconds(2))
                      .setTotalTimeoutDuration(LIBRARY_GIVES_UP_AFTER)
                      .build());
      transport.channelProvider().ifPresent(builder::setChannelProvider);
      transport.credentialsProvider().ifPresent(builder::setCredentialsProvider);
      return builder.build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    for (Publisher publisher : publishers.values()) {
      publisher.shutdown();
      try {
        publisher.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
