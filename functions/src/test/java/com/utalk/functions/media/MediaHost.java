package com.utalk.functions.media;

import com.sun.net.httpserver.HttpExchange;
import com.utalk.emulators.http.HttpServers;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP server standing in for a media host: Twilio's (when its origin is allowed) or a forger's.
 * It serves programmed files, redirects or failures, and records every request with its
 * Authorization header, so a test can prove which host saw our credentials.
 */
final class MediaHost implements AutoCloseable {
  record Seen(String path, String authorization) {}

  private record Entry(
      int status, String contentType, byte[] body, String location, boolean chunked) {}

  private final HttpServers.Running server;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final AtomicInteger failuresLeft = new AtomicInteger();

  MediaHost(String name) {
    server = HttpServers.start("127.0.0.1", 0, 4, name);
    server.server().createContext("/", this::handle);
    server.begin();
  }

  String origin() {
    return server.baseUrl();
  }

  String url(String path) {
    return server.baseUrl() + path;
  }

  void serve(String path, String contentType, byte[] body) {
    entries.put(path, new Entry(200, contentType, body, null, false));
  }

  /** Served without Content-Length, so only counting the bytes can enforce the size cap. */
  void serveChunked(String path, String contentType, byte[] body) {
    entries.put(path, new Entry(200, contentType, body, null, true));
  }

  void redirect(String path, String location) {
    entries.put(path, new Entry(302, null, null, location, false));
  }

  /** The next {@code count} requests answer {@code 503}. */
  void failNext(int count) {
    failuresLeft.set(count);
  }

  List<Seen> requests() {
    return List.copyOf(seen);
  }

  private void handle(HttpExchange exchange) throws IOException {
    seen.add(
        new Seen(
            exchange.getRequestURI().getPath(),
            exchange.getRequestHeaders().getFirst("Authorization")));
    if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      exchange.sendResponseHeaders(503, -1);
      exchange.close();
      return;
    }
    Entry entry = entries.get(exchange.getRequestURI().getPath());
    if (entry == null) {
      exchange.sendResponseHeaders(404, -1);
    } else if (entry.location() != null) {
      exchange.getResponseHeaders().set("Location", entry.location());
      exchange.sendResponseHeaders(entry.status(), -1);
    } else {
      exchange.getResponseHeaders().set("Content-Type", entry.contentType());
      exchange.sendResponseHeaders(200, entry.chunked() ? 0 : entry.body().length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(entry.body());
      } catch (IOException clientStoppedReading) {
        // the downloader hung up on an oversize body, as it should
      }
    }
    exchange.close();
  }

  @Override
  public void close() {
    server.close();
  }
}
