package com.utalk.emulators.firestoretrigger;

import com.utalk.triggers.FirestoreEventTypes;

/** A change seen on the emulator: the old and the new version (either may be null). */
record ObservedChange(String documentPath, DocumentVersion before, DocumentVersion after) {
  /** created, updated or deleted. */
  String kind() {
    if (before == null) {
      return FirestoreEventTypes.CREATED;
    }
    return after == null ? FirestoreEventTypes.DELETED : FirestoreEventTypes.UPDATED;
  }
}
