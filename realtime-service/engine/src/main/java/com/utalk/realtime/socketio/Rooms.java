package com.utalk.realtime.socketio;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Room name → members. Lock-free reads for broadcasts (weakly consistent iteration); joins and
 * leaves are atomic per room, and an emptied room is removed.
 */
final class Rooms {
  private final ConcurrentHashMap<String, Set<SocketImpl>> rooms = new ConcurrentHashMap<>();

  void join(String room, SocketImpl socket) {
    rooms.compute(
        room,
        (name, members) -> {
          Set<SocketImpl> set = members == null ? ConcurrentHashMap.newKeySet(4) : members;
          set.add(socket);
          return set;
        });
  }

  void leave(String room, SocketImpl socket) {
    rooms.computeIfPresent(
        room,
        (name, members) -> {
          members.remove(socket);
          return members.isEmpty() ? null : members;
        });
  }

  Collection<SocketImpl> members(String room) {
    Set<SocketImpl> members = rooms.get(room);
    return members == null ? List.of() : members;
  }

  int count() {
    return rooms.size();
  }
}
