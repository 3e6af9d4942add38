package com.utalk.realtime.socketio;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Connection-state recovery of one namespace, as Socket.IO 4.6+ defines it: a socket that lost its
 * connection (transport closed or failed, ping timeout) is kept for {@code maxDisconnection} as its
 * id, private id and rooms; every broadcast of the namespace carries an offset as its last argument
 * and is kept as long. A client that reconnects within that time sends its private id and the last
 * offset it saw in the CONNECT; the server gives it back the same socket id and rooms and sends the
 * broadcasts it missed, in order. State lives in this process only: a client that reconnects to
 * another instance gets a new session ({@code recovered} false).
 */
final class SessionRecovery {
  /** At most this many broadcasts are kept; a client whose offset is older gets a new session. */
  static final int MAX_PACKETS = 10_000;

  record Persisted(String sid, String pid, Set<String> rooms, long expiresAtNanos) {}

  /** What a reconnecting client gets back; the caller owns the packets. */
  record Restored(String sid, String pid, Set<String> rooms, List<OutboundPacket> missed) {
    void release() {
      missed.forEach(OutboundPacket::release);
    }
  }

  private record Sent(
      String offset,
      List<String> rooms,
      Set<String> exceptIds,
      OutboundPacket packet,
      long atNanos) {}

  private final long maxNanos;
  private final ConcurrentHashMap<String, Persisted> sessions = new ConcurrentHashMap<>();

  /** Guarded by itself. */
  private final ArrayDeque<Sent> sent = new ArrayDeque<>();

  SessionRecovery(java.time.Duration maxDisconnection) {
    this.maxNanos = maxDisconnection.toNanos();
  }

  String nextOffset() {
    return Ids.next();
  }

  /** Keeps a broadcast (a reference of its packet) for clients that are away now. */
  void recordBroadcast(
      String offset, List<String> rooms, Set<String> exceptIds, OutboundPacket packet) {
    long now = System.nanoTime();
    synchronized (sent) {
      sent.addLast(new Sent(offset, rooms, exceptIds, packet, now));
      pruneLocked(now);
    }
  }

  /** A connected socket went away for a reason it may come back from. */
  void persist(String sid, String pid, Set<String> rooms) {
    long now = System.nanoTime();
    sessions.put(pid, new Persisted(sid, pid, Set.copyOf(rooms), now + maxNanos));
    sessions.values().removeIf(session -> session.expiresAtNanos() - now < 0);
  }

  /**
   * The session of {@code pid}, once, with the broadcasts after {@code offset} that reached one of
   * its rooms; null when it expired, is unknown, or the offset is no longer (or never was) kept.
   */
  Restored restore(String pid, String offset) {
    Persisted session = sessions.remove(pid);
    long now = System.nanoTime();
    if (session == null || session.expiresAtNanos() - now < 0) {
      return null;
    }
    List<OutboundPacket> missed = new ArrayList<>();
    synchronized (sent) {
      pruneLocked(now);
      boolean found = false;
      for (Sent packet : sent) {
        if (!found) {
          found = packet.offset().equals(offset);
          continue;
        }
        if (!packet.exceptIds().contains(session.sid())
            && intersects(packet.rooms(), session.rooms())) {
          missed.add(packet.packet().retainedDuplicate());
        }
      }
      if (!found) {
        missed.forEach(OutboundPacket::release);
        return null;
      }
    }
    return new Restored(session.sid(), session.pid(), session.rooms(), missed);
  }

  private static boolean intersects(List<String> rooms, Set<String> joined) {
    for (String room : rooms) {
      if (joined.contains(room)) {
        return true;
      }
    }
    return false;
  }

  private void pruneLocked(long now) {
    Iterator<Sent> oldest = sent.iterator();
    while (oldest.hasNext()) {
      Sent packet = oldest.next();
      if (sent.size() <= MAX_PACKETS && now - packet.atNanos() < maxNanos) {
        break;
      }
      oldest.remove();
      packet.packet().release();
    }
  }
}
