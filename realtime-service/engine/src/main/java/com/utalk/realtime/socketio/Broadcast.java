package com.utalk.realtime.socketio;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * An emit to every socket in one or more rooms of one namespace ({@code
 * server.to("a").to("b").except(socket)}). Immutable: each call returns a new operator. The packet
 * is encoded once and the same bytes are written to every member.
 */
public final class Broadcast {
  private final Namespace namespace;
  private final List<String> rooms;
  private final Set<String> exceptIds;

  Broadcast(Namespace namespace, List<String> rooms, Set<String> exceptIds) {
    this.namespace = namespace;
    this.rooms = rooms;
    this.exceptIds = exceptIds;
  }

  /** Also targets the members of {@code room} (each socket receives the event once). */
  public Broadcast to(String room) {
    Objects.requireNonNull(room, "room");
    return new Broadcast(
        namespace, Stream.concat(rooms.stream(), Stream.of(room)).toList(), exceptIds);
  }

  /** Leaves {@code socket} out (e.g. the sender). */
  public Broadcast except(Socket socket) {
    Set<String> ids = new HashSet<>(exceptIds);
    ids.add(socket.id());
    return new Broadcast(namespace, rooms, Set.copyOf(ids));
  }

  /**
   * Sends the event to the members; returns how many sockets it was handed to. Serialization
   * happens once, on the calling thread; writes are queued to each connection without blocking.
   */
  public int emit(String event, Object... args) {
    return emitTracked(null, event, args);
  }

  /**
   * {@link #emit}, calling {@code delivered} (on the calling thread) with each socket the packet
   * was handed to — for an application that keeps per-socket delivery state (e.g. the last sequence
   * number each socket was sent). The packet is still encoded once.
   */
  public int emitTracked(
      java.util.function.Consumer<? super Socket> delivered, String event, Object... args) {
    SocketImpl.checkEventName(event);
    Collection<SocketImpl> targets;
    if (rooms.size() == 1) {
      targets = namespace.rooms().members(rooms.get(0));
    } else {
      Set<SocketImpl> union = new HashSet<>();
      for (String room : rooms) {
        union.addAll(namespace.rooms().members(room));
      }
      targets = union;
    }
    SessionRecovery recovery = namespace.recovery();
    if (targets.isEmpty() && recovery == null) {
      return 0; // with recovery on, it is still kept: members away now may come back for it
    }
    OutboundPacket packet;
    if (recovery == null) {
      packet = namespace.server().codec().event(namespace.name(), event, -1, args);
    } else {
      // the offset travels as the last argument (socket.io-client keeps it for its reconnection)
      String offset = recovery.nextOffset();
      Object[] withOffset = java.util.Arrays.copyOf(args, args.length + 1);
      withOffset[args.length] = offset;
      packet = namespace.server().codec().event(namespace.name(), event, -1, withOffset);
      recovery.recordBroadcast(offset, rooms, exceptIds, packet.retainedDuplicate());
    }
    int count = 0;
    try {
      for (SocketImpl socket : targets) {
        if (!exceptIds.isEmpty() && exceptIds.contains(socket.id())) {
          continue;
        }
        if (socket.deliver(packet.retainedDuplicate())) {
          count++;
          if (delivered != null) {
            delivered.accept(socket);
          }
        }
      }
    } finally {
      packet.release();
    }
    return count;
  }
}
