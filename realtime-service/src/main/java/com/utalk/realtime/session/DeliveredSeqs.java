package com.utalk.realtime.session;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which sequence numbers one socket has been sent, per conversation, since it connected: a few
 * ranges per conversation for the most recently active conversations. A {@code sync:since} replay
 * skips what is in here, so a client that got some events live before asking for what it missed
 * gets nothing twice. Bounded: the state of a socket stays small however many conversations its
 * workspace has; a conversation idle for long enough falls out, and a replay of it may then repeat
 * events the client already has (it dedupes by seq).
 */
public final class DeliveredSeqs {
  static final int MAX_CONVERSATIONS = 64;
  static final int MAX_RANGES = 4;

  private final LinkedHashMap<String, List<long[]>> byConversation =
      new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<long[]>> eldest) {
          return size() > MAX_CONVERSATIONS;
        }
      };

  public synchronized void record(String conversationId, long seq) {
    List<long[]> ranges = byConversation.computeIfAbsent(conversationId, id -> new ArrayList<>(1));
    for (long[] range : ranges) {
      if (seq >= range[0] && seq <= range[1]) {
        return;
      }
      if (seq == range[1] + 1) {
        range[1] = seq;
        return;
      }
      if (seq == range[0] - 1) {
        range[0] = seq;
        return;
      }
    }
    ranges.add(new long[] {seq, seq});
    if (ranges.size() > MAX_RANGES) {
      // forget the oldest range: at worst a later replay repeats those events
      ranges.sort((a, b) -> Long.compare(a[0], b[0]));
      Iterator<long[]> oldest = ranges.iterator();
      oldest.next();
      oldest.remove();
    }
  }

  public synchronized boolean contains(String conversationId, long seq) {
    List<long[]> ranges = byConversation.get(conversationId);
    if (ranges == null) {
      return false;
    }
    for (long[] range : ranges) {
      if (seq >= range[0] && seq <= range[1]) {
        return true;
      }
    }
    return false;
  }
}
