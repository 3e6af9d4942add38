package com.utalk.triggers;

import com.google.events.cloud.firestore.v1.Document;
import com.google.events.cloud.firestore.v1.DocumentEventData;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.Map;

/**
 * One Firestore document change as a trigger receives it: the document's path relative to the
 * database ({@code messages/abc}) and its fields before and after (null when it did not exist).
 */
public record FirestoreChange(
    String eventId, String documentPath, Map<String, Object> before, Map<String, Object> after) {
  private static final String DOCUMENTS = "/documents/";

  /**
   * Decodes an Eventarc payload. {@code documentAttribute} is the CloudEvent's {@code document}
   * extension, if any.
   */
  public static FirestoreChange fromEventData(
      String eventId, byte[] data, String documentAttribute) {
    DocumentEventData event;
    try {
      event = DocumentEventData.parseFrom(data);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException(
          "CloudEvent " + eventId + " does not carry a DocumentEventData", e);
    }
    Document value = event.hasValue() ? event.getValue() : null;
    Document old = event.hasOldValue() ? event.getOldValue() : null;
    String path = documentAttribute;
    if (path == null || path.isBlank()) {
      path = relativePath((value != null ? value : old).getName());
    }
    return new FirestoreChange(
        eventId,
        path,
        old == null ? null : DocumentValues.toJava(old.getFieldsMap()),
        value == null ? null : DocumentValues.toJava(value.getFieldsMap()));
  }

  /** {@code projects/p/databases/(default)/documents/messages/abc} → {@code messages/abc}. */
  public static String relativePath(String resourceName) {
    int at = resourceName.indexOf(DOCUMENTS);
    return at < 0 ? resourceName : resourceName.substring(at + DOCUMENTS.length());
  }

  /** The top-level collection: {@code messages} for {@code messages/abc}. */
  public String collection() {
    int slash = documentPath.indexOf('/');
    return slash < 0 ? documentPath : documentPath.substring(0, slash);
  }

  public String documentId() {
    return documentPath.substring(documentPath.lastIndexOf('/') + 1);
  }

  public boolean created() {
    return before == null && after != null;
  }
}
