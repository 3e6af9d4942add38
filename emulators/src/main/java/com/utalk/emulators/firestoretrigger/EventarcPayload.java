package com.utalk.emulators.firestoretrigger;

import com.google.cloud.Timestamp;
import com.google.events.cloud.firestore.v1.Document;
import com.google.events.cloud.firestore.v1.DocumentEventData;
import com.google.events.cloud.firestore.v1.DocumentMask;
import com.utalk.triggers.DocumentValues;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/** Builds the {@code DocumentEventData} protobuf Eventarc sends for a change. */
final class EventarcPayload {
  private EventarcPayload() {}

  static DocumentEventData of(String databaseName, ObservedChange change) {
    String name = databaseName + "/documents/" + change.documentPath();
    DocumentEventData.Builder data = DocumentEventData.newBuilder();
    if (change.after() != null) {
      data.setValue(document(name, databaseName, change.after()));
    }
    if (change.before() != null) {
      data.setOldValue(document(name, databaseName, change.before()));
    }
    if (change.before() != null && change.after() != null) {
      data.setUpdateMask(DocumentMask.newBuilder().addAllFieldPaths(changedFields(change)));
    }
    return data.build();
  }

  private static Document document(String name, String databaseName, DocumentVersion version) {
    Document.Builder document =
        Document.newBuilder()
            .setName(name)
            .putAllFields(DocumentValues.toProto(version.fields(), databaseName));
    if (version.createTime() != null) {
      document.setCreateTime(proto(version.createTime()));
    }
    if (version.updateTime() != null) {
      document.setUpdateTime(proto(version.updateTime()));
    }
    return document.build();
  }

  /** Top-level fields that differ (Eventarc's update mask lists the fields an update touched). */
  private static Set<String> changedFields(ObservedChange change) {
    Set<String> names = new HashSet<>(change.before().fields().keySet());
    names.addAll(change.after().fields().keySet());
    Set<String> changed = new TreeSet<>();
    for (String field : names) {
      if (!Objects.equals(
          change.before().fields().get(field), change.after().fields().get(field))) {
        changed.add(field);
      }
    }
    return changed;
  }

  private static com.google.protobuf.Timestamp proto(Timestamp time) {
    return com.google.protobuf.Timestamp.newBuilder()
        .setSeconds(time.getSeconds())
        .setNanos(time.getNanos())
        .build();
  }
}
