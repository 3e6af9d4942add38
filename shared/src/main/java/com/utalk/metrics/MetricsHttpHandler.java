package com.utalk.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /metrics} for a JDK {@code HttpServer} (the local gateway): {@code
 * server.createContext("/metrics", new MetricsHttpHandler(Metrics.get()))}. Other servers (the
 * realtime service's Netty pipeline) answer with {@link Metrics#scrape()} and {@link
 * Metrics#CONTENT_TYPE} themselves.
 */
public final class MetricsHttpHandler implements HttpHandler {
  private final Metrics metrics;

  public MetricsHttpHandler(Metrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    if (!"GET".equalsIgnoreCase(exchange.getRequestMethod())
        && !"HEAD".equalsIgnoreCase(exchange.getRequestMethod())) {
      exchange.getResponseHeaders().set("Allow", "GET, HEAD");
      exchange.sendResponseHeaders(405, -1);
      exchange.close();
      return;
    }
    byte[] body = metrics.scrape().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", Metrics.CONTENT_TYPE);
    boolean head = "HEAD".equalsIgnoreCase(exchange.getRequestMethod());
    exchange.sendResponseHeaders(200, head ? -1 : body.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
    exchange.close();
  }
}
