package com.utalk.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StatusFoldTest {
  private static final List<StatusReport> REPORTS =
      List.of(
          new StatusReport("SM1", MessageStatus.SENT, null, null),
          new StatusReport("SM1", MessageStatus.UNDELIVERED, "30003", "unreachable"),
          new StatusReport("SM1", MessageStatus.FAILED, "30008", "unknown error"),
          new StatusReport("SM1", MessageStatus.FAILED, "30001", "queue overflow"),
          new StatusReport("SM1", MessageStatus.FAILED, "30001", "another text"),
          new StatusReport("SM1", MessageStatus.DELIVERED, null, null),
          new StatusReport("SM1", MessageStatus.READ, null, null));

  @Test
  void anyOrderOfAnySubsetFoldsToTheSameResult() {
    Random random = new Random(11);
    for (int round = 0; round < 500; round++) {
      List<StatusReport> subset = new ArrayList<>();
      for (StatusReport report : REPORTS) {
        if (random.nextBoolean()) {
          subset.add(report);
        }
      }
      StatusFold expected = fold(subset);
      for (int shuffle = 0; shuffle < 5; shuffle++) {
        Collections.shuffle(subset, random);
        assertEquals(expected, fold(subset), "order " + subset);
      }
    }
  }

  @Test
  void failureDetailsComeFromTheWinningStatusAndVanishOnceDelivered() {
    assertEquals(
        new StatusFold(MessageStatus.FAILED, "30001", "another text"), fold(REPORTS.subList(1, 5)));
    assertEquals(new StatusFold(MessageStatus.DELIVERED, null, null), fold(REPORTS.subList(1, 6)));
    assertEquals(
        new StatusFold(MessageStatus.UNDELIVERED, "30003", "unreachable"),
        fold(REPORTS.subList(0, 2)));
  }

  private static StatusFold fold(List<StatusReport> reports) {
    StatusFold fold = new StatusFold(MessageStatus.SENDING, null, null);
    for (StatusReport report : reports) {
      fold = fold.with(report);
    }
    return fold;
  }
}
