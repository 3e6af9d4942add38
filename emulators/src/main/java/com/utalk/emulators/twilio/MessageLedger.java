package com.utalk.emulators.twilio;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the stand-in remembers: accepted sends, each message's latest status, the queued
 * faults and the callbacks fired. One monitor guards it all, so tests can wait on it.
 */
final class MessageLedger {
  /** Status and error of a message as Twilio would report it on fetch. */
  record MessageState(String status, Integer errorCode, String errorMessage) {}

  private final List<SentMessage> sends = new ArrayList<>();
  private final Map<String, MessageState> states = new HashMap<>();
  private final Deque<TwilioError> sendFaults = new ArrayDeque<>();
  private final Deque<Integer> deliveryFaults = new ArrayDeque<>();
  private final List<CallbackDelivery> callbacks = new ArrayList<>();
  private int attempts;

  synchronized void countAttempt() {
    attempts++;
  }

  synchronized int attempts() {
    return attempts;
  }

  synchronized Optional<TwilioError> takeSendFault() {
    return Optional.ofNullable(sendFaults.pollFirst());
  }

  synchronized void addSendFaults(int count, TwilioError error) {
    for (int i = 0; i < count; i++) {
      sendFaults.addLast(error);
    }
  }

  synchronized Optional<Integer> takeDeliveryFault() {
    return Optional.ofNullable(deliveryFaults.pollFirst());
  }

  synchronized void addDeliveryFaults(int count, int errorCode) {
    for (int i = 0; i < count; i++) {
      deliveryFaults.addLast(errorCode);
    }
  }

  synchronized void clearFaults() {
    sendFaults.clear();
    deliveryFaults.clear();
  }

  synchronized void accept(SentMessage message) {
    sends.add(message);
    states.put(message.sid(), new MessageState("queued", null, null));
    notifyAll();
  }

  synchronized Optional<SentMessage> find(String sid) {
    return sends.stream().filter(m -> m.sid().equals(sid)).findFirst();
  }

  synchronized Optional<SentMessage> last() {
    return sends.isEmpty() ? Optional.empty() : Optional.of(sends.get(sends.size() - 1));
  }

  synchronized MessageState state(String sid) {
    return states.getOrDefault(sid, new MessageState("queued", null, null));
  }

  synchronized void updateState(String sid, MessageState state) {
    states.put(sid, state);
  }

  synchronized List<SentMessage> sends() {
    return List.copyOf(sends);
  }

  synchronized void recordCallback(CallbackDelivery delivery) {
    callbacks.add(delivery);
    notifyAll();
  }

  synchronized List<CallbackDelivery> callbacks() {
    return List.copyOf(callbacks);
  }

  synchronized List<SentMessage> awaitSends(int count, Duration timeout) {
    awaitSize(() -> sends.size(), count, timeout, "sends");
    return List.copyOf(sends);
  }

  synchronized List<CallbackDelivery> awaitCallbacks(int count, Duration timeout) {
    awaitSize(() -> callbacks.size(), count, timeout, "status callbacks");
    return List.copyOf(callbacks);
  }

  synchronized void reset() {
    sends.clear();
    states.clear();
    sendFaults.clear();
    deliveryFaults.clear();
    callbacks.clear();
    attempts = 0;
  }

  /** Waits (holding the monitor between checks) until {@code size} reaches {@code count}. */
  private void awaitSize(
      java.util.function.IntSupplier size, int count, Duration timeout, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (size.getAsInt() < count) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError(
            "expected at least "
                + count
                + " "
                + what
                + " within "
                + timeout.toMillis()
                + " ms, got "
                + size.getAsInt()
                + " ("
                + attempts
                + " send attempts)");
      }
      try {
        wait(Math.max(1, left / 1_000_000), 0);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what, e);
      }
    }
  }
}
