package com.utalk.realtime.socketio;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

/**
 * Frames of one WebSocket: either the transport of a WebSocket-only session, or the probe of a
 * polling session being upgraded (until the client's {@code 5}).
 */
final class WebSocketTransportHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
  private static final EngineLog LOG = EngineLog.get(WebSocketTransportHandler.class);

  private EngineSession session;
  private boolean probing;

  WebSocketTransportHandler(EngineSession session, boolean probing) {
    this.session = session;
    this.probing = probing;
  }

  void session(EngineSession session) {
    this.session = session;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
    if (frame instanceof TextWebSocketFrame) {
      if (probing) {
        if (session.onProbeFrame(ctx.channel(), frame.content())) {
          probing = false;
        }
      } else if (!session.onTextPacket(frame.content())) {
        session.close(DisconnectReason.PARSE_ERROR, false);
      }
    } else if (frame instanceof BinaryWebSocketFrame) {
      if (probing) {
        ctx.close();
      } else {
        session.onBinaryPacket(frame.content());
      }
    } else if (frame instanceof PingWebSocketFrame) {
      ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
    } else if (frame instanceof CloseWebSocketFrame) {
      ctx.writeAndFlush(new CloseWebSocketFrame(1000, null))
          .addListener(ChannelFutureListener.CLOSE);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (session != null) {
      session.onWebSocketClosed(ctx.channel());
    }
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (LOG.isDebugEnabled()) {
      LOG.debug("websocket error", "error", String.valueOf(cause));
    }
    ctx.close();
  }
}
