package com.utalk.realtime.session;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The instance's connected agent sockets by socket id. */
public final class Connections {
  private final ConcurrentHashMap<String, Connection> byId = new ConcurrentHashMap<>();

  public void add(Connection connection) {
    byId.put(connection.id(), connection);
  }

  public void remove(String socketId) {
    byId.remove(socketId);
  }

  /** Null when the socket is gone (or not an agent socket). */
  public Connection get(String socketId) {
    return byId.get(socketId);
  }

  public int size() {
    return byId.size();
  }

  /** The connections of any of {@code uids}: a scan, for the rare case of disabled users. */
  public List<Connection> ofUsers(Set<String> uids) {
    return byId.values().stream()
        .filter(connection -> uids.contains(connection.principal().uid()))
        .toList();
  }
}
