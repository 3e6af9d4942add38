package com.utalk.emulators.firestoretrigger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Firestore trigger patterns of the catalog, as the local bridge reads and matches them. */
class DocumentPatternTest {
  @Test
  void wildcardsMatchAnyIdAndLiteralsOnlyThemselves() {
    DocumentPattern pattern = DocumentPattern.parse("/workspaces/{ws}/counters/daily/");

    assertEquals("counters", pattern.collectionId());
    assertFalse(pattern.topLevel());
    assertTrue(pattern.matches("workspaces/demo/counters/daily"));
    assertFalse(pattern.matches("workspaces/demo/counters/weekly"), "a literal id must match");
    assertFalse(pattern.matches("workspaces/demo"), "a different depth never matches");
    assertTrue(DocumentPattern.parse("messages/{id}").topLevel());
  }

  @Test
  void aCollectionPathOrAMultiSegmentWildcardIsRefused() {
    IllegalArgumentException collection =
        assertThrows(
            IllegalArgumentException.class, () -> DocumentPattern.parse("workspaces/{ws}/users"));
    IllegalArgumentException deep =
        assertThrows(
            IllegalArgumentException.class, () -> DocumentPattern.parse("messages/{path=**}"));

    assertEquals(
        "a document pattern has an even number of segments: workspaces/{ws}/users",
        collection.getMessage());
    assertEquals(
        "multi-segment wildcards are not supported by the local bridge: messages/{path=**}",
        deep.getMessage());
  }

  @Test
  void theBridgesTargetsAreNameEqualsUrlPairsAndAnythingElseIsSkipped() {
    Map<String, URI> targets =
        FirestoreTriggerBridgeMain.parseTargets(
            " kpi-counter = http://127.0.0.1:8811 ,no-url,,rating-survey=http://127.0.0.1:8812");

    assertEquals(
        Map.of(
            "kpi-counter",
            URI.create("http://127.0.0.1:8811"),
            "rating-survey",
            URI.create("http://127.0.0.1:8812")),
        targets);
  }
}
