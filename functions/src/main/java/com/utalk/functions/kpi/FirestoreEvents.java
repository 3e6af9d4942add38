package com.utalk.functions.kpi;

import com.utalk.triggers.FirestoreChange;
import io.cloudevents.CloudEvent;

/** Reads the Firestore change out of an Eventarc {@code google.cloud.firestore.document.v1.*} CloudEvent. */
final class FirestoreEvents {
  private FirestoreEvents() {}

  static FirestoreChange change(CloudEvent event) {
    if (event.getData() == null) {
      throw new IllegalArgumentException("CloudEvent " + event.getId() + " has no data");
    }
    Object document = event.getExtension("document");
    return FirestoreChange.fromEventData(event.getId(), event.getData().toBytes(), document == null ? null : document.toString());
  }
}
