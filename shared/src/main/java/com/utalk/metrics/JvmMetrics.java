package com.utalk.metrics;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;

/**
 * Heap, GC and threads, read when metrics are collected (no sampling thread of our own). GC time
 * and live threads are what the JVM offers in place of Node's event-loop lag: long pauses and a
 * growing thread count are how a JVM service shows it is falling behind.
 */
final class JvmMetrics {
  private JvmMetrics() {}

  static void register(Meter meter) {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    meter
        .gaugeBuilder(MetricNames.JVM_HEAP_SIZE_USED_BYTES)
        .ofLongs()
        .setUnit("By")
        .setDescription("Heap in use")
        .buildWithCallback(m -> m.record(memory.getHeapMemoryUsage().getUsed()));
    meter
        .gaugeBuilder(MetricNames.JVM_HEAP_SIZE_TOTAL_BYTES)
        .ofLongs()
        .setUnit("By")
        .setDescription("Heap committed")
        .buildWithCallback(m -> m.record(memory.getHeapMemoryUsage().getCommitted()));
    meter
        .counterBuilder(MetricNames.JVM_GC_PAUSE_SECONDS_TOTAL)
        .ofDoubles()
        .setUnit("s")
        .setDescription("Time spent in garbage collection, by collector")
        .buildWithCallback(
            m -> {
              for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc.getCollectionTime() >= 0) {
                  m.record(
                      gc.getCollectionTime() / 1000.0,
                      Attributes.of(MetricNames.GC_NAME, gc.getName()));
                }
              }
            });
    meter
        .gaugeBuilder(MetricNames.JVM_THREADS_LIVE)
        .ofLongs()
        .setUnit("{thread}")
        .setDescription("Live threads")
        .buildWithCallback(m -> m.record(threads.getThreadCount()));
  }
}
