package com.utalk.ops.environment;

import com.google.cloud.firestore.Firestore;
import com.utalk.gcp.FirestoreProvider;
import com.utalk.gcp.GcpProject;
import com.utalk.gcp.PubSubTransport;
import java.time.Duration;

/**
 * The Firestore and Pub/Sub clients of a target, built on first use (a runbook that only reads logs
 * opens neither) with short deadlines: an unreachable database must become a verdict within
 * seconds, not a hang.
 */
abstract class GoogleClients implements Target {
  private final GcpProject project;
  private final Duration rpcTimeout;
  private final Duration totalTimeout;
  private Firestore firestore;
  private PubSubTransport pubsub;

  GoogleClients(GcpProject project, Duration rpcTimeout, Duration totalTimeout) {
    this.project = project;
    this.rpcTimeout = rpcTimeout;
    this.totalTimeout = totalTimeout;
  }

  @Override
  public synchronized Firestore firestore() {
    if (firestore == null) {
      firestore = FirestoreProvider.create(project, rpcTimeout, totalTimeout);
    }
    return firestore;
  }

  @Override
  public synchronized PubSubTransport pubsub() {
    if (pubsub == null) {
      pubsub = new PubSubTransport(project);
    }
    return pubsub;
  }

  @Override
  public synchronized void close() {
    try {
      if (firestore != null) {
        firestore.close();
      }
    } catch (Exception ignored) {
      // closing on the way out
    }
    if (pubsub != null) {
      pubsub.close();
    }
  }
}
