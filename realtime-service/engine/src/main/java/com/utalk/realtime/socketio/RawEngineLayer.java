package com.utalk.realtime.socketio;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;

/** Raw Engine.IO messages straight to the application's {@link EngineHandler}. */
final class RawEngineLayer implements MessageLayer {
  private static final EngineLog LOG = EngineLog.get(RawEngineLayer.class);

  private final EngineHandler handler;

  RawEngineLayer(EngineHandler handler) {
    this.handler = handler;
  }

  @Override
  public boolean expectsConnect() {
    return false;
  }

  @Override
  public void onOpen(EngineSession session) {
    call(() -> handler.onOpen(session));
  }

  @Override
  public void onMessage(EngineSession session, ByteBuf data) {
    String message = data.toString(StandardCharsets.UTF_8);
    call(() -> handler.onMessage(session, message));
  }

  @Override
  public void onBinary(EngineSession session, ByteBuf data) {
    byte[] message = ByteBufUtil.getBytes(data);
    call(() -> handler.onBinary(session, message));
  }

  @Override
  public void onSessionClosed(EngineSession session, DisconnectReason reason) {
    call(() -> handler.onClose(session, reason));
  }

  private static void call(Runnable callback) {
    try {
      callback.run();
    } catch (RuntimeException e) {
      LOG.error("engine.io handler failed", e);
    }
  }
}
