package com.utalk.realtime.metrics;

import com.utalk.metrics.Metrics;
import com.utalk.realtime.socketio.HttpRoute;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /metrics} on the Socket.IO port, in Prometheus text: {@code server.route("/metrics",
 * new MetricsRoute(Metrics.get()))}. Collecting is an in-memory read of the meter provider (well
 * under a millisecond for our instrument count), so it may run on the Netty I/O thread. The socket
 * metrics themselves are recorded through {@code Metrics.get().sockets()} (connection attempts,
 * disconnects, events with their duration).
 */
public final class MetricsRoute implements HttpRoute {
  private final Metrics metrics;

  public MetricsRoute(Metrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public Response handle(Request request) {
    if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
      return Response.json(
          405,
          com.utalk.json.Json.writeBytes(
              new com.utalk.errors.ErrorBody("method_not_allowed", "use GET", null, null)));
    }
    return new Response(
        200, Metrics.CONTENT_TYPE, metrics.scrape().getBytes(StandardCharsets.UTF_8));
  }
}
