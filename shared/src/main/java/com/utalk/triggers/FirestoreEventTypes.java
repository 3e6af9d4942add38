package com.utalk.triggers;

import java.util.List;

/** The CloudEvent types Eventarc emits for Firestore document changes, and their payload format. */
public final class FirestoreEventTypes {
  public static final String CREATED = "google.cloud.firestore.document.v1.created";
  public static final String UPDATED = "google.cloud.firestore.document.v1.updated";
  public static final String DELETED = "google.cloud.firestore.document.v1.deleted";

  /** Any of the three: what the KPI counters subscribe to, so that every change is seen once. */
  public static final String WRITTEN = "google.cloud.firestore.document.v1.written";

  public static final List<String> ALL = List.of(CREATED, UPDATED, DELETED, WRITTEN);

  /** Eventarc sends the {@code DocumentEventData} protobuf, not JSON. */
  public static final String CONTENT_TYPE = "application/protobuf";

  public static final String DATA_SCHEMA =
      "https://github.com/googleapis/google-cloudevents/blob/main/proto/google/events/cloud/firestore/v1/data.proto";

  private FirestoreEventTypes() {}

  /**
   * Whether a function subscribed to {@code subscribed} receives a change of kind {@code actual}.
   */
  public static boolean delivers(String subscribed, String actual) {
    return subscribed.equals(WRITTEN) || subscribed.equals(actual);
  }
}
