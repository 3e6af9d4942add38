package com.utalk.functions.kpi;

import com.utalk.triggers.FirestoreChange;
import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;

/**
 * Reads the Firestore change out of an Eventarc {@code google.cloud.firestore.document.v1.*}
 * CloudEvent.
 */
final class FirestoreEvents {
  private FirestoreEvents() {}

  static FirestoreChange change(CloudEvent event) {
    // read once: a second getData() is not known to SpotBugs (or the interface) to return the same
    // value
    CloudEventData payload = event.getData();
    if (payload == null) {
      throw new IllegalArgumentException("CloudEvent " + event.getId() + " has no data");
    }
    Object document = event.getExtension("document");
    return FirestoreChange.fromEventData(
        event.getId(), payload.toBytes(), document == null ? null : document.toString());
  }
}
