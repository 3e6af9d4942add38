package com.utalk.realtime.socketio;

import io.netty.buffer.ByteBuf;

/**
 * What runs on top of the Engine.IO sessions: the Socket.IO protocol ({@link SocketIoLayer}), or
 * the application's own handler of raw Engine.IO messages ({@link RawEngineLayer}). The buffers are
 * only valid during the call.
 */
interface MessageLayer {
  /** Whether a session that sent nothing above Engine.IO within the connect timeout is closed. */
  boolean expectsConnect();

  void onOpen(EngineSession session);

  /** The data of an Engine.IO text message (after the '4'). */
  void onMessage(EngineSession session, ByteBuf data);

  /** An Engine.IO binary message. */
  void onBinary(EngineSession session, ByteBuf data);

  void onSessionClosed(EngineSession session, DisconnectReason reason);
}
