package com.utalk.realtime.socketio;

/**
 * Why a socket went away. The wire names match the reasons the Node.js server reports, so logs and
 * dashboards can be compared across implementations.
 */
public enum DisconnectReason {
  /** The client closed the connection (or the network dropped it). The client reconnects. */
  TRANSPORT_CLOSE("transport close"),
  /** The connection failed: an aborted long-poll, an overlapping request, a slow consumer... */
  TRANSPORT_ERROR("transport error"),
  /** The client did not answer a ping within {@code pingTimeout}. */
  PING_TIMEOUT("ping timeout"),
  /** The client sent something that is not valid Engine.IO / Socket.IO. */
  PARSE_ERROR("parse error"),
  /** The client called {@code socket.disconnect()}. It does not reconnect by itself. */
  CLIENT_NAMESPACE_DISCONNECT("client namespace disconnect"),
  /** The server called {@link Socket#disconnect()}. The client does not reconnect by itself. */
  SERVER_NAMESPACE_DISCONNECT("server namespace disconnect"),
  /** {@link SocketServer#close} is draining the server. The client reconnects (elsewhere). */
  SERVER_SHUTTING_DOWN("server shutting down"),
  /**
   * Engine-level only, never reported to disconnect listeners: the client did not connect to a
   * namespace in time, or was refused by the {@link Authenticator}.
   */
  NOT_CONNECTED("not connected");

  private final String wireName;

  DisconnectReason(String wireName) {
    this.wireName = wireName;
  }

  /** The reason as the Node.js server names it. */
  public String wireName() {
    return wireName;
  }

  /** Whether a socket.io-client reconnects by itself after this reason. */
  public boolean clientReconnects() {
    return this != CLIENT_NAMESPACE_DISCONNECT && this != SERVER_NAMESPACE_DISCONNECT;
  }
}
