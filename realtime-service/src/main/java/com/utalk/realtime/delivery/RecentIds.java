package com.utalk.realtime.delivery;

import java.util.LinkedHashMap;
import java.util.Map;

/** The last {@code capacity} ids seen, for dropping redeliveries of events that carry no seq. */
final class RecentIds {
  private final Map<String, Boolean> ids;

  RecentIds(int capacity) {
    this.ids =
        new LinkedHashMap<>(16, 0.75f, false) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > capacity;
          }
        };
  }

  /** True the first time an id is seen (while it is among the last {@code capacity}). */
  synchronized boolean add(String id) {
    return ids.putIfAbsent(id, Boolean.TRUE) == null;
  }
}
