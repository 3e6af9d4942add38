package com.utalk.testing;

import com.google.cloud.firestore.Firestore;
import com.google.pubsub.v1.TopicName;
import com.utalk.config.Settings;
import com.utalk.gcp.FirestoreProvider;
import com.utalk.gcp.GcpProject;
import com.utalk.gcp.PubSubTransport;
import com.utalk.platform.Topics;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A fresh, isolated Google project on the shared emulators: every test class gets its own project
 * id, so Firestore data and Pub/Sub topics never leak between tests.
 */
public final class TestEnvironment implements AutoCloseable {
  private final GcpProject project;
  private final Firestore firestore;
  private final PubSubTransport pubsub;

  private TestEnvironment(GcpProject project) {
    this.project = project;
    this.firestore = FirestoreProvider.create(project);
    this.pubsub = new PubSubTransport(project);
  }

  public static TestEnvironment create() {
    GcpProject project =
        new GcpProject(
            "test-" + UUID.randomUUID().toString().substring(0, 8),
            Emulators.firestoreHost(),
            Emulators.pubsubHost());
    TestEnvironment environment = new TestEnvironment(project);
    environment.createTopics();
    return environment;
  }

  private void createTopics() {
    try (var admin = pubsub.topicAdmin()) {
      for (String topic : Topics.ALL) {
        admin.createTopic(TopicName.of(project.projectId(), topic));
      }
    }
  }

  public GcpProject project() {
    return project;
  }

  public Firestore firestore() {
    return firestore;
  }

  public PubSubTransport pubsub() {
    return pubsub;
  }

  /** Settings a component under test reads: this project and emulators, plus {@code extra}. */
  public Settings settings(Map<String, String> extra) {
    Map<String, String> values = new HashMap<>();
    values.put("GOOGLE_CLOUD_PROJECT", project.projectId());
    values.put("FIRESTORE_EMULATOR_HOST", project.firestoreEmulatorHost());
    values.put("PUBSUB_EMULATOR_HOST", project.pubsubEmulatorHost());
    values.put("APP_ENV", "development");
    values.putAll(extra);
    return Settings.of(values);
  }

  @Override
  public void close() throws Exception {
    firestore.close();
    pubsub.close();
  }
}
