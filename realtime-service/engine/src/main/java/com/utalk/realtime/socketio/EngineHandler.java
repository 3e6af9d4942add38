package com.utalk.realtime.socketio;

/**
 * The application's side of raw Engine.IO ({@link SocketServer#engineIo}). Calls for one connection
 * come one at a time, on its I/O thread: they must not block.
 */
public interface EngineHandler {
  default void onOpen(EngineConnection connection) {}

  void onMessage(EngineConnection connection, String message);

  void onBinary(EngineConnection connection, byte[] message);

  default void onClose(EngineConnection connection, DisconnectReason reason) {}
}
