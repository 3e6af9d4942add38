package com.utalk.realtime.delivery;

import com.google.common.util.concurrent.Striped;
import com.utalk.events.ConversationEvent;
import com.utalk.logging.Log;
import com.utalk.realtime.session.Connection;
import com.utalk.realtime.session.Connections;
import com.utalk.realtime.socketio.Broadcast;
import com.utalk.realtime.socketio.SocketServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;

/**
 * Turns the conversation events this instance receives into socket emits, per conversation in
 * sequence order and each once: a duplicate (Pub/Sub redelivery, the same event from two paths) is
 * dropped by its sequence number, and a gap (an event overtaken by a later one) is filled from the
 * conversation's stored events before the later one goes out. Also serves {@code sync:since}:
 * replays a socket's missed events from Firestore while holding back the live ones for it.
 *
 * <p>All work for one conversation happens under that conversation's lock (striped), so the live
 * feed, gap fills and replays of a conversation never interleave.
 */
public final class EventFanout {
  private static final Log LOG = Log.get(EventFanout.class);

  /** Conversations whose last delivered seq is remembered; past this the memory is reset. */
  static final int MAX_TRACKED_CONVERSATIONS = 200_000;

  private static final int STRIPES = 256;

  private final SocketServer server;
  private final Connections connections;
  private final EventLog log;
  private final Clock clock;
  private final Striped<Lock> locks = Striped.lock(STRIPES);
  private final ConcurrentHashMap<String, Long> lastSeq = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Set<SyncSession>> syncing = new ConcurrentHashMap<>();

  /**
   * Per conversation, the connections a {@code sync:since} replay took past what the live feed had
   * fanned out (events already stored, still on their way through Pub/Sub), with the last seq it
   * sent them: the live copies of those events skip them. Pruned as the live feed catches up; read
   * and written under the conversation's lock.
   */
  private final ConcurrentHashMap<String, Map<Connection, Long>> replayedAhead =
      new ConcurrentHashMap<>();

  private final RecentIds recentUnsequenced = new RecentIds(10_000);
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  private final AtomicLong gapsFilled = new AtomicLong();
  private volatile Instant lastEventAt;
  private volatile Duration lastEventLag;

  public EventFanout(SocketServer server, Connections connections, EventLog log, Clock clock) {
    this.server = server;
    this.connections = connections;
    this.log = log;
    this.clock = clock;
  }

  /** A live event from Pub/Sub. Blocks while a gap is filled from Firestore. */
  public void accept(ConversationEvent event) {
    if (SocketEvent.API_CHANGES_TYPE.equals(event.type())) {
      // not part of a conversation, so no seq: duplicates are recognised by their event id
      if (recentUnsequenced.add(event.eventId())) {
        emit(event);
      } else {
        duplicates.incrementAndGet();
      }
      return;
    }
    String conversationId = event.conversationId();
    Lock lock = locks.get(conversationId);
    lock.lock();
    try {
      Long last = lastSeq.get(conversationId);
      if (last != null && event.seq() <= last) {
        duplicates.incrementAndGet();
        LOG.debug(
            "duplicate event dropped",
            "eventId",
            event.eventId(),
            "conversationId",
            conversationId,
            "seq",
            event.seq());
        return;
      }
      if (last != null && event.seq() > last + 1) {
        List<ConversationEvent> missing =
            log.between(conversationId, last, event.seq() - 1, EventLog.MAX_REPLAY);
        gapsFilled.incrementAndGet();
        LOG.info(
            "gap in the live feed filled from the event log",
            "conversationId",
            conversationId,
            "after",
            last,
            "before",
            event.seq(),
            "filled",
            missing.size());
        missing.forEach(this::emit);
      }
      emit(event);
      if (lastSeq.size() >= MAX_TRACKED_CONVERSATIONS) {
        lastSeq.clear();
      }
      lastSeq.put(conversationId, event.seq());
      forgetReplaysUpTo(conversationId, event.seq());
    } finally {
      lock.unlock();
    }
    lastEventAt = event.occurredAt();
    lastEventLag =
        event.occurredAt() == null ? null : Duration.between(event.occurredAt(), clock.instant());
  }

  /**
   * Sends {@code connection} the events of a conversation after {@code afterSeq} that it has not
   * been sent, oldest first, then the live ones that arrived meanwhile. The caller has checked that
   * the socket may read the conversation.
   */
  public SyncResult sync(Connection connection, String conversationId, long afterSeq) {
    SyncSession session = new SyncSession(connection, conversationId);
    Lock lock = locks.get(conversationId);
    lock.lock();
    try {
      syncing.computeIfAbsent(conversationId, id -> new CopyOnWriteArraySet<>()).add(session);
    } finally {
      lock.unlock();
    }
    long lastSent = afterSeq;
    int replayed = 0;
    boolean complete = true;
    try {
      // Everything committed before the session was registered is in the log; everything fanned
      // out after it is held in the session. The overlap is removed by seq.
      List<ConversationEvent> missed =
          log.between(conversationId, afterSeq, Long.MAX_VALUE, EventLog.MAX_REPLAY);
      complete = missed.size() < EventLog.MAX_REPLAY;
      for (ConversationEvent event : missed) {
        if (sendTo(connection, event)) {
          replayed++;
        }
        lastSent = Math.max(lastSent, event.seq());
      }
    } finally {
      lock.lock();
      try {
        for (ConversationEvent event : session.held()) {
          if (event.seq() > lastSent && sendTo(connection, event)) {
            lastSent = event.seq();
          }
        }
        Long live = lastSeq.get(conversationId);
        if (lastSent > afterSeq && (live == null || lastSent > live)) {
          replayedAhead
              .computeIfAbsent(conversationId, id -> new HashMap<>())
              .merge(connection, lastSent, Math::max);
        }
        Set<SyncSession> sessions = syncing.get(conversationId);
        if (sessions != null) {
          sessions.remove(session);
          if (sessions.isEmpty()) {
            syncing.remove(conversationId, sessions);
          }
        }
      } finally {
        lock.unlock();
      }
    }
    return new SyncResult(conversationId, afterSeq, replayed, lastSent, complete);
  }

  private boolean sendTo(Connection connection, ConversationEvent event) {
    if (connection.delivered().contains(event.conversationId(), event.seq())) {
      return false;
    }
    String name = SocketEvent.nameFor(event.type()).orElse(null);
    if (name == null) {
      return false;
    }
    connection.socket().emit(name, SocketEvent.of(event));
    connection.delivered().record(event.conversationId(), event.seq());
    return true;
  }

  private void emit(ConversationEvent event) {
    String name = SocketEvent.nameFor(event.type()).orElse(null);
    if (name == null) {
      return;
    }
    SocketEvent payload = SocketEvent.of(event);
    List<String> rooms = EventRouting.roomsFor(payload, name);
    Broadcast broadcast = server.to(rooms.get(0));
    for (int i = 1; i < rooms.size(); i++) {
      broadcast = broadcast.to(rooms.get(i));
    }
    Set<SyncSession> sessions =
        event.conversationId() == null ? null : syncing.get(event.conversationId());
    if (sessions != null) {
      for (SyncSession session : sessions) {
        broadcast = broadcast.except(session.connection.socket());
      }
    }
    String conversationId = event.conversationId();
    long seq = event.seq();
    Map<Connection, Long> ahead = conversationId == null ? null : replayedAhead.get(conversationId);
    if (ahead != null) {
      for (Map.Entry<Connection, Long> replayed : ahead.entrySet()) {
        if (seq <= replayed.getValue()) {
          broadcast = broadcast.except(replayed.getKey().socket());
        }
      }
    }
    broadcast.emitTracked(
        socket -> {
          Connection connection = conversationId == null ? null : connections.get(socket.id());
          if (connection != null) {
            connection.delivered().record(conversationId, seq);
          }
        },
        name,
        payload);
    if (sessions != null) {
      for (SyncSession session : sessions) {
        if (session.connection.inAnyOf(rooms)) {
          session.hold(event);
        }
      }
    }
    delivered.incrementAndGet();
  }

  /** The live feed has fanned out {@code seq}: replays up to it need no more skipping. */
  private void forgetReplaysUpTo(String conversationId, long seq) {
    Map<Connection, Long> ahead = replayedAhead.get(conversationId);
    if (ahead != null) {
      ahead.values().removeIf(upTo -> upTo <= seq);
      if (ahead.isEmpty()) {
        replayedAhead.remove(conversationId);
      }
    }
  }

  /**
   * For /health/socket: events fanned out, duplicates dropped, gaps filled, last event and its lag.
   */
  public Stats stats() {
    Duration lag = lastEventLag;
    return new Stats(
        delivered.get(),
        duplicates.get(),
        gapsFilled.get(),
        lastEventAt,
        lag == null ? null : lag.toMillis());
  }

  public record Stats(
      long delivered,
      long duplicatesDropped,
      long gapsFilled,
      Instant lastEventAt,
      Long lastEventLagMs) {}
}
