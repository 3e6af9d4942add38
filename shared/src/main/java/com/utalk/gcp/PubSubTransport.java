package com.utalk.gcp;

import com.google.api.gax.core.CredentialsProvider;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.api.gax.rpc.TransportChannelProvider;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.cloud.pubsub.v1.SubscriptionAdminSettings;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminSettings;
import com.google.cloud.pubsub.v1.stub.GrpcSubscriberStub;
import com.google.cloud.pubsub.v1.stub.SubscriberStub;
import com.google.cloud.pubsub.v1.stub.SubscriberStubSettings;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/** Channel and credentials for Pub/Sub: a plaintext channel to the emulator, or the defaults. */
public final class PubSubTransport implements AutoCloseable {
  private final GcpProject project;
  private final ManagedChannel emulatorChannel;

  public PubSubTransport(GcpProject project) {
    this.project = project;
    this.emulatorChannel =
        project.usesPubSubEmulator()
            ? ManagedChannelBuilder.forTarget(project.pubsubEmulatorHost()).usePlaintext().build()
            : null;
  }

  public GcpProject project() {
    return project;
  }

  /** Empty when the client library's defaults (production endpoint, ADC) apply. */
  public Optional<TransportChannelProvider> channelProvider() {
    return Optional.ofNullable(emulatorChannel)
        .map(channel -> FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel)));
  }

  public Optional<CredentialsProvider> credentialsProvider() {
    return emulatorChannel == null ? Optional.empty() : Optional.of(NoCredentialsProvider.create());
  }

  public TopicAdminClient topicAdmin() {
    try {
      TopicAdminSettings.Builder settings = TopicAdminSettings.newBuilder();
      channelProvider().ifPresent(settings::setTransportChannelProvider);
      credentialsProvider().ifPresent(settings::setCredentialsProvider);
      return TopicAdminClient.create(settings.build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public SubscriptionAdminClient subscriptionAdmin() {
    try {
      SubscriptionAdminSettings.Builder settings = SubscriptionAdminSettings.newBuilder();
      channelProvider().ifPresent(settings::setTransportChannelProvider);
      credentialsProvider().ifPresent(settings::setCredentialsProvider);
      return SubscriptionAdminClient.create(settings.build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A low-level subscriber stub whose pull calls wait up to {@code pullDeadline} (no retries: the
   * caller loops), for receivers that pull rather than stream.
   */
  public SubscriberStub subscriberStub(java.time.Duration pullDeadline) {
    try {
      SubscriberStubSettings.Builder settings = SubscriberStubSettings.newBuilder();
      channelProvider().ifPresent(settings::setTransportChannelProvider);
      credentialsProvider().ifPresent(settings::setCredentialsProvider);
      settings.pullSettings().setSimpleTimeoutNoRetriesDuration(pullDeadline);
      return GrpcSubscriberStub.create(settings.build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    if (emulatorChannel != null) {
      emulatorChannel.shutdownNow();
    }
  }
}
