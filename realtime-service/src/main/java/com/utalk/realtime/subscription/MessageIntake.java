package com.utalk.realtime.subscription;

import com.google.pubsub.v1.PubsubMessage;
import java.util.function.Predicate;

/** Receives the subscription's messages and hands each to a handler that says whether to ack it. */
interface MessageIntake extends AutoCloseable {
  /** Returns once messages flow; {@code onFailure} hears a receiver that stopped for good. */
  void start(Predicate<PubsubMessage> handler, java.util.function.Consumer<Throwable> onFailure);

  @Override
  void close();
}
