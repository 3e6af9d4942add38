package com.utalk.realtime.session;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What a sync:since replay skips because the socket already got it live. */
class DeliveredSeqsTest {
  @Test
  void remembersSeqsPerConversation() {
    DeliveredSeqs seqs = new DeliveredSeqs();
    seqs.record("c1", 5);
    assertTrue(seqs.contains("c1", 5));
    assertFalse(seqs.contains("c1", 4));
    assertFalse(seqs.contains("c1", 6));
    assertFalse(seqs.contains("c2", 5), "another conversation's seq 5 was not sent");
    assertFalse(new DeliveredSeqs().contains("c1", 1));
  }

  @Test
  void adjacentSeqsGrowOneRangeInEitherDirectionAndRepeatsChangeNothing() {
    DeliveredSeqs seqs = new DeliveredSeqs();
    seqs.record("c", 10);
    seqs.record("c", 11);
    seqs.record("c", 9);
    seqs.record("c", 10);
    for (long seq = 9; seq <= 11; seq++) {
      assertTrue(seqs.contains("c", seq), "seq " + seq);
    }
    assertFalse(seqs.contains("c", 8));
    assertFalse(seqs.contains("c", 12));
  }

  @Test
  void gapsStayGaps() {
    DeliveredSeqs seqs = new DeliveredSeqs();
    seqs.record("c", 1);
    seqs.record("c", 3);
    assertTrue(seqs.contains("c", 1));
    assertFalse(seqs.contains("c", 2), "the missed event is replayed");
    assertTrue(seqs.contains("c", 3));
  }

  @Test
  void keepsTheNewestRangesWhenAConversationHasTooManyGaps() {
    DeliveredSeqs seqs = new DeliveredSeqs();
    // MAX_RANGES + 1 separate ranges: 10, 20, 30, 40, 50
    for (int i = 1; i <= DeliveredSeqs.MAX_RANGES + 1; i++) {
      seqs.record("c", i * 10L);
    }
    assertFalse(seqs.contains("c", 10), "the lowest range is forgotten (a replay may repeat it)");
    for (int i = 2; i <= DeliveredSeqs.MAX_RANGES + 1; i++) {
      assertTrue(seqs.contains("c", i * 10L), "range " + i * 10);
    }
  }

  @Test
  void forgetsTheLeastRecentlyActiveConversationBeyondTheBound() {
    DeliveredSeqs seqs = new DeliveredSeqs();
    for (int i = 0; i < DeliveredSeqs.MAX_CONVERSATIONS; i++) {
      seqs.record("c" + i, 1);
    }
    assertTrue(seqs.contains("c0", 1), "reading c0 makes it recently used");
    seqs.record("new", 1);
    assertTrue(seqs.contains("c0", 1));
    assertFalse(seqs.contains("c1", 1), "c1 was the least recently used");
    assertTrue(seqs.contains("new", 1));
  }
}
