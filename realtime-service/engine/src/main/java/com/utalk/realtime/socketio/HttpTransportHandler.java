package com.utalk.realtime.socketio;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.List;
import java.util.Map;

/**
 * Routes the HTTP requests of one connection: Engine.IO long-polling GET/POST, the WebSocket
 * handshake (after which this handler is replaced by a {@link WebSocketTransportHandler}), CORS
 * preflights, and the application's plain {@link HttpRoute}s.
 */
final class HttpTransportHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final EngineLog LOG = EngineLog.get(HttpTransportHandler.class);

  private final SocketServer server;

  /** The session whose GET was last parked on this connection (to notice an aborted poll). */
  private EngineSession parked;

  HttpTransportHandler(SocketServer server) {
    this.server = server;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
    Channel channel = ctx.channel();
    boolean keepAlive = HttpUtil.isKeepAlive(req);
    if (!req.decoderResult().isSuccess()) {
      HttpResponses.problem(
          channel,
          HttpResponseStatus.BAD_REQUEST,
          "bad_request",
          "not a valid HTTP request",
          false);
      return;
    }
    QueryStringDecoder uri = new QueryStringDecoder(req.uri());
    String path = uri.path();
    String enginePath = server.config().path();
    boolean engineRequest =
        path.equals(enginePath) || path.equals(enginePath.substring(0, enginePath.length() - 1));
    if (!engineRequest) {
      server.serveRoute(channel, req, uri, keepAlive);
      return;
    }
    String origin = req.headers().get(HttpHeaderNames.ORIGIN);
    if (origin != null && !server.config().originAllowed(origin)) {
      HttpResponses.engineError(channel, EngineError.FORBIDDEN, keepAlive, null);
      return;
    }
    if (HttpMethod.OPTIONS.equals(req.method())) {
      HttpResponses.preflight(
          channel,
          origin,
          req.headers().get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_HEADERS),
          keepAlive);
      return;
    }
    Map<String, List<String>> params = uri.parameters();
    if (!"4".equals(first(params, "EIO"))) {
      HttpResponses.engineError(
          channel, EngineError.UNSUPPORTED_PROTOCOL_VERSION, keepAlive, origin);
      return;
    }
    String transport = first(params, "transport");
    String sid = first(params, "sid");
    if (Transport.WEBSOCKET.wireName().equals(transport)) {
      boolean upgrade =
          HttpHeaderValues.WEBSOCKET.contentEqualsIgnoreCase(
              req.headers().get(HttpHeaderNames.UPGRADE));
      if (!upgrade || !HttpMethod.GET.equals(req.method())) {
        HttpResponses.engineError(channel, EngineError.BAD_REQUEST, keepAlive, origin);
        return;
      }
      upgradeToWebSocket(ctx, req, sid, params);
      return;
    }
    if (!Transport.POLLING.wireName().equals(transport)) {
      HttpResponses.engineError(channel, EngineError.TRANSPORT_UNKNOWN, keepAlive, origin);
      return;
    }
    if (sid == null) {
      if (!HttpMethod.GET.equals(req.method())) {
        HttpResponses.engineError(channel, EngineError.BAD_HANDSHAKE_METHOD, keepAlive, origin);
        return;
      }
      EngineSession session =
          server.openSession(channel, Transport.POLLING, req.headers().copy(), params);
      if (session == null) {
        HttpResponses.problem(
            channel,
            HttpResponseStatus.SERVICE_UNAVAILABLE,
            "unavailable",
            "the server is shutting down; reconnect",
            false);
        return;
      }
      parked = session;
      session.onPollGet(channel, keepAlive, origin);
      return;
    }
    EngineSession session = server.session(sid);
    if (session == null) {
      HttpResponses.engineError(channel, EngineError.UNKNOWN_SID, keepAlive, origin);
      return;
    }
    if (HttpMethod.GET.equals(req.method())) {
      parked = session;
      session.onPollGet(channel, keepAlive, origin);
    } else if (HttpMethod.POST.equals(req.method())) {
      if (HttpHeaderValues.APPLICATION_OCTET_STREAM.contentEqualsIgnoreCase(
          req.headers().get(HttpHeaderNames.CONTENT_TYPE))) {
        // Engine.IO v4 sends binary base64-encoded in text payloads only
        HttpResponses.engineError(channel, EngineError.BAD_REQUEST, keepAlive, origin);
        session.close(DisconnectReason.PARSE_ERROR, false);
        return;
      }
      session.onPollPost(channel, req.content(), keepAlive, origin);
    } else {
      HttpResponses.engineError(channel, EngineError.BAD_REQUEST, keepAlive, origin);
    }
  }

  private void upgradeToWebSocket(
      ChannelHandlerContext ctx,
      FullHttpRequest req,
      String sid,
      Map<String, List<String>> params) {
    Channel channel = ctx.channel();
    EngineSession session = null;
    if (sid != null) {
      session = server.session(sid);
      if (session == null) {
        HttpResponses.engineError(channel, EngineError.UNKNOWN_SID, false, null);
        return;
      }
      if (!session.isOpen()) {
        // closing (a refusal, a close on its way to the client): as if it were gone already
        HttpResponses.engineError(channel, EngineError.BAD_REQUEST, false, null);
        return;
      }
      if (session.transport() != Transport.POLLING || !session.attachProbe(channel)) {
        // Already upgraded, or another probe is under way: engine.io accepts the WebSocket and
        // closes it at once, leaving the session as it is.
        acceptThenClose(channel, req);
        return;
      }
    } else if (server.isClosing()) {
      HttpResponses.problem(
          channel,
          HttpResponseStatus.SERVICE_UNAVAILABLE,
          "unavailable",
          "the server is shutting down; reconnect",
          false);
      return;
    }
    WebSocketServerHandshaker handshaker = server.handshakerFactory().newHandshaker(req);
    if (handshaker == null) {
      WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(channel);
      return;
    }
    ChannelPipeline pipeline = ctx.pipeline();
    pipeline.remove(SocketServer.IDLE_HANDLER);
    WebSocketTransportHandler frames = new WebSocketTransportHandler(session, session != null);
    handshaker
        .handshake(channel, req)
        .addListener(
            future -> {
              if (!future.isSuccess()) {
                channel.close();
              }
            });
    pipeline.addBefore(
        ctx.name(), "ws-aggregator", new WebSocketFrameAggregator(server.config().maxPayload()));
    pipeline.addFirst("flush-consolidation", new FlushConsolidationHandler(256, false));
    pipeline.replace(this, "ws-transport", frames);
    if (session == null) {
      EngineSession opened =
          server.openSession(channel, Transport.WEBSOCKET, req.headers().copy(), params);
      if (opened == null) {
        channel.close();
        return;
      }
      frames.session(opened);
    }
  }

  private void acceptThenClose(Channel channel, FullHttpRequest req) {
    WebSocketServerHandshaker handshaker = server.handshakerFactory().newHandshaker(req);
    if (handshaker == null) {
      WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(channel);
      return;
    }
    handshaker
        .handshake(channel, req)
        .addListener(
            future -> {
              if (future.isSuccess()) {
                channel
                    .writeAndFlush(new CloseWebSocketFrame(1000, null))
                    .addListener(ChannelFutureListener.CLOSE);
              } else {
                channel.close();
              }
            });
  }

  private static String first(Map<String, List<String>> params, String name) {
    List<String> values = params.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt instanceof IdleStateEvent) {
      if (parked == null || !parked.isParkedOn(ctx.channel())) {
        ctx.close();
      }
      return;
    }
    super.userEventTriggered(ctx, evt);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (parked != null) {
      parked.onPollChannelClosed(ctx.channel());
      parked = null;
    }
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (LOG.isDebugEnabled()) {
      LOG.debug("http connection error", "error", String.valueOf(cause));
    }
    ctx.close();
  }
}
