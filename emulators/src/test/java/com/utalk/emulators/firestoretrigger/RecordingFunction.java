package com.utalk.emulators.firestoretrigger;

import com.google.cloud.functions.CloudEventsFunction;
import com.utalk.triggers.FirestoreChange;
import io.cloudevents.CloudEvent;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Firestore-triggered function for the bridge test: records what it receives; fails an id's first
 * delivery on request.
 */
public final class RecordingFunction implements CloudEventsFunction {
  record Received(CloudEvent event, FirestoreChange change) {}

  static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
  static final Set<String> FAIL_FIRST_FOR_DOCUMENTS = ConcurrentHashMap.newKeySet();
  private static final Map<String, Boolean> FAILED_ONCE = new ConcurrentHashMap<>();

  @Override
  public void accept(CloudEvent event) {
    Object document = event.getExtension("document");
    FirestoreChange change =
        FirestoreChange.fromEventData(
            event.getId(),
            event.getData().toBytes(),
            document == null ? null : document.toString());
    RECEIVED.add(new Received(event, change));
    if (FAIL_FIRST_FOR_DOCUMENTS.contains(change.documentPath())
        && FAILED_ONCE.putIfAbsent(event.getId(), true) == null) {
      throw new IllegalStateException(
          "failing the first delivery of " + event.getId() + " on purpose");
    }
  }
}
