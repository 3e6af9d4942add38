package com.utalk.realtime.socketio;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;

/** Aggregates request bodies up to maxPayload; a bigger POST gets 413 and closes its session. */
final class EngineHttpAggregator extends HttpObjectAggregator {
  private final SocketServer server;

  EngineHttpAggregator(SocketServer server, int maxPayload) {
    super(maxPayload);
    this.server = server;
  }

  @Override
  protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized)
      throws Exception {
    if (oversized instanceof HttpRequest request) {
      List<String> sid = new QueryStringDecoder(request.uri()).parameters().get("sid");
      if (sid != null && !sid.isEmpty()) {
        EngineSession session = server.session(sid.get(0));
        if (session != null) {
          session.close(DisconnectReason.TRANSPORT_ERROR, false);
        }
      }
    }
    super.handleOversizedMessage(ctx, oversized);
  }
}
