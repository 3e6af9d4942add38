package com.utalk.realtime.session;

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
}
