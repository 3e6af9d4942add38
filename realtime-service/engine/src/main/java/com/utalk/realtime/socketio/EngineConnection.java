package com.utalk.realtime.socketio;

import java.net.InetSocketAddress;

/**
 * One Engine.IO session, for an application that speaks raw Engine.IO messages instead of Socket.IO
 * ({@link SocketServer#engineIo}): the same transports, upgrade, heartbeat and limits, without
 * namespaces, events or acks. Every method is thread-safe; sends to a closed connection are
 * dropped.
 */
public interface EngineConnection {
  /** The Engine.IO session id. */
  String id();

  InetSocketAddress remoteAddress();

  /** The transport currently in use (changes from polling to WebSocket on upgrade). */
  Transport transport();

  /** An Engine.IO text message ({@code 4<message>} on the wire). */
  void send(String message);

  /** An Engine.IO binary message (a binary frame, or {@code b<base64>} when polling). */
  void send(byte[] message);

  /** Closes the session; the client is told (close packet or WebSocket close). */
  void close();
}
