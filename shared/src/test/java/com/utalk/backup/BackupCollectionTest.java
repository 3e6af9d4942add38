package com.utalk.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Which documents go into which backup file: a collection-group query for {@code events} also finds
 * same-named subcollections elsewhere, and only the conversations' belong to that file; a
 * manifest's label reads back as the collection it names.
 */
class BackupCollectionTest {
  @Test
  void aTopLevelCollectionHoldsOnlyItsOwnDocuments() {
    BackupCollection messages = BackupCollection.top("messages", "metadata.sensitive");
    assertTrue(messages.holds("messages/m-1"));
    assertFalse(messages.holds("messages/m-1/replies/r-1"), "a subcollection's document");
    assertFalse(messages.holds("messagesArchive/m-1"));
    assertEquals("messages.jsonl.gz", messages.fileName());
    assertEquals("messages", messages.label());
    assertFalse(messages.subcollection());
  }

  @Test
  void aSubcollectionFileHoldsThatSubcollectionUnderItsParentOnly() {
    BackupCollection events = BackupCollection.under("conversations", "events");
    assertTrue(events.holds("conversations/c-1/events/0000000001"));
    assertFalse(events.holds("users/u-1/events/e-1"), "same name, another parent");
    assertFalse(events.holds("conversations/c-1"));
    assertFalse(events.holds("conversations/c-1/notes/n-1"));
    assertEquals("conversations.events.jsonl.gz", events.fileName());
    assertEquals("conversations/*/events", events.label());
    assertTrue(events.subcollection());
  }

  @Test
  void aManifestLabelReadsBackAsItsCollection() {
    assertEquals(
        BackupCollection.under("conversations", "events"),
        BackupCollection.fromLabel("conversations/*/events"));
    assertEquals(BackupCollection.top("users"), BackupCollection.fromLabel("users"));
  }
}
