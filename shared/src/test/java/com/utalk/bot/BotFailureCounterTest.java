package com.utalk.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.utalk.testing.TestEnvironment;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/**
 * The run of failed bot replies that escalates a conversation (escalateAfterFailures): counted per
 * conversation, one more per failure, back to zero on a success — so only failures in a row count.
 */
class BotFailureCounterTest {
  @Test
  void onlyFailuresInARowCount() throws Exception {
    try (TestEnvironment env = TestEnvironment.create()) {
      BotFailureCounter counter = new BotFailureCounter(env.firestore(), Clock.systemUTC());
      assertEquals(1, counter.recordFailure("c-1"));
      assertEquals(2, counter.recordFailure("c-1"));
      assertEquals(1, counter.recordFailure("c-2"), "per conversation");

      counter.recordSuccess("c-1");
      assertEquals(1, counter.recordFailure("c-1"), "a success ends the run");

      counter.recordSuccess("c-3"); // a conversation that never failed
      assertFalse(
          env.firestore()
              .collection(BotFailureCounter.COLLECTION)
              .document("c-3")
              .get()
              .get()
              .exists(),
          "a success without failures writes nothing");
    }
  }
}
