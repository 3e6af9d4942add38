package com.utalk.realtime.maintenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.utalk.maintenance.MaintenanceMode;
import com.utalk.testing.TestEnvironment;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The sockets hear once when maintenance starts and once when it ends, read from the real flag. */
class MaintenanceNotifierTest {
  @Test
  void broadcastsEachChangeOfTheFlagOnce() throws Exception {
    try (TestEnvironment env = TestEnvironment.create()) {
      MaintenanceMode flag = new MaintenanceMode(env.firestore(), Clock.systemUTC(), Duration.ZERO);
      List<Map<String, Object>> told = new CopyOnWriteArrayList<>();
      try (MaintenanceNotifier notifier =
          new MaintenanceNotifier(flag, told::add, Duration.ofMillis(50))) {
        Thread.sleep(300);
        assertEquals(List.of(), told, "nothing to say while there is no maintenance");
        flag.enter("restore of backup x", Duration.ofSeconds(120));
        await(told, 1);
        assertEquals(
            Map.of("active", true, "reason", "restore of backup x", "retryAfterSeconds", 120L),
            told.get(0));
        assertEquals(told.get(0), notifier.current(), "what a socket connecting now is told");
        Thread.sleep(300);
        assertEquals(1, told.size(), "told once, not on every poll");
        flag.leave();
        await(told, 2);
        assertEquals(Map.of("active", false), told.get(1));
        assertNull(notifier.current());
      }
    }
  }

  private static void await(List<?> told, int size) throws InterruptedException {
    for (int i = 0; i < 100 && told.size() < size; i++) {
      Thread.sleep(50);
    }
    assertEquals(size, told.size());
  }
}
