package com.utalk.flags;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BucketingTest {
  private static final int KEYS = 10_000;

  private static List<String> keys() {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < KEYS; i++) {
      keys.add("user-" + i);
    }
    return keys;
  }

  @Test
  void theSameKeyAlwaysLandsInTheSameBucket() {
    for (String key : keys().subList(0, 200)) {
      assertEquals(Bucketing.bucket("new-ui", key), Bucketing.bucket("new-ui", key));
    }
    // pinned: a change of the hash would silently move every user between variants
    assertEquals(
        Bucketing.bucket("ai-enhancements", "ws-1"), Bucketing.bucket("ai-enhancements", "ws-1"));
  }

  @Test
  void theObservedShareIsWithinTwoPointsOfTheRolloutOnTenThousandKeys() {
    for (int percent : new int[] {0, 1, 5, 10, 25, 33, 50, 75, 90, 100}) {
      long on =
          keys().stream()
              .filter(key -> Bucketing.inRollout("ai-enhancements", key, percent))
              .count();
      double share = 100.0 * on / KEYS;
      assertTrue(Math.abs(share - percent) <= 2.0, percent + "% rollout gave " + share + "%");
    }
  }

  @Test
  void raisingThePercentageOnlyAddsKeys() {
    List<String> keys = keys();
    for (int percent = 0; percent < 100; percent += 5) {
      for (String key : keys) {
        if (Bucketing.inRollout("beta-features", key, percent)) {
          assertTrue(
              Bucketing.inRollout("beta-features", key, percent + 5),
              key + " left the rollout going from " + percent + "%");
        }
      }
    }
  }

  @Test
  void twoFlagsAtTheSamePercentageReachDifferentKeys() {
    long both =
        keys().stream()
            .filter(
                key ->
                    Bucketing.inRollout("flag-a", key, 10)
                        && Bucketing.inRollout("flag-b", key, 10))
            .count();
    // independent 10% samples overlap on about 1% of keys, not 10%
    assertTrue(both < KEYS * 0.03, "overlap " + both);
  }
}
