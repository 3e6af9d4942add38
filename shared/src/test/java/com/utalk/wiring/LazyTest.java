package com.utalk.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Two first requests at once build one service, and asking whether it exists never builds it. */
class LazyTest {
  @Test
  void concurrentFirstUsesBuildOneValue() throws Exception {
    AtomicInteger built = new AtomicInteger();
    CountDownLatch go = new CountDownLatch(1);
    Lazy<Object> service =
        Lazy.of(
            () -> {
              built.incrementAndGet();
              sleep(50); // a slow build: the others arrive while it runs
              return new Object();
            });
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Object>> uses = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        uses.add(
            pool.submit(
                () -> {
                  go.await();
                  return service.get();
                }));
      }
      go.countDown();
      Object first = uses.get(0).get();
      for (Future<Object> use : uses) {
        assertSame(first, use.get());
      }
      assertEquals(1, built.get());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void ifBuiltNeverBuilds() {
    AtomicInteger built = new AtomicInteger();
    Lazy<String> value = Lazy.of(() -> "v" + built.incrementAndGet());
    assertEquals(Optional.empty(), value.ifBuilt());
    assertEquals(0, built.get());
    assertEquals("v1", value.get());
    assertEquals(Optional.of("v1"), value.ifBuilt());
    assertEquals(1, built.get(), "built once");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
