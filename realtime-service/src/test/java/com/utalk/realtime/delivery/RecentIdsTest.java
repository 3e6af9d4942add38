package com.utalk.realtime.delivery;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Redeliveries of seq-less events are dropped while their id is among the last ones seen. */
class RecentIdsTest {
  @Test
  void anIdIsNewOnlyTheFirstTime() {
    RecentIds ids = new RecentIds(3);
    assertTrue(ids.add("a"));
    assertFalse(ids.add("a"));
    assertTrue(ids.add("b"));
    assertFalse(ids.add("a"), "still among the last three");
  }

  @Test
  void theOldestIdFallsOutOnceCapacityIsExceeded() {
    RecentIds ids = new RecentIds(2);
    ids.add("a");
    ids.add("b");
    assertFalse(ids.add("a"), "a repeat does not refresh the id's place");
    ids.add("c");
    assertTrue(ids.add("a"), "a was the oldest and was forgotten");
    assertFalse(ids.add("c"));
  }
}
