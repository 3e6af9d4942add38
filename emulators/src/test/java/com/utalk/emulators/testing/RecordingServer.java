package com.utalk.emulators.testing;

import com.sun.net.httpserver.HttpExchange;
import com.utalk.emulators.http.HttpExchanges;
import com.utalk.emulators.http.HttpServers;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A local HTTP endpoint for tests: records every request, answers from a programmable script. */
public final class RecordingServer implements AutoCloseable {
  /** A request as received; header names are lower-cased. */
  public record Received(
      String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body) {
    public String header(String name) {
      List<String> values = headers.get(name.toLowerCase());
      return values == null || values.isEmpty() ? null : values.get(0);
    }

    public String bodyText() {
      return new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  /** What to answer. */
  public record Reply(int status, Map<String, String> headers, String body) {
    public static Reply of(int status) {
      return new Reply(status, Map.of(), "");
    }
  }

  private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
  private final Deque<Reply> script = new ArrayDeque<>();
  private volatile Reply fallback = Reply.of(200);
  private final HttpServers.Running server;

  public RecordingServer() {
    server = HttpServers.start("127.0.0.1", 0, 8, "recording-server");
    server.server().createContext("/", this::handle);
    server.begin();
  }

  public String baseUrl() {
    return server.baseUrl();
  }

  public int port() {
    return server.port();
  }

  /** Answer these, in order, then the fallback. */
  public synchronized RecordingServer thenReply(Reply... replies) {
    script.addAll(List.of(replies));
    return this;
  }

  public RecordingServer byDefault(Reply reply) {
    fallback = reply;
    return this;
  }

  public Received take(Duration timeout) throws InterruptedException {
    Received request = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (request == null) {
      throw new AssertionError("no request within " + timeout.toMillis() + " ms");
    }
    return request;
  }

  /** Nothing more arrives within {@code quiet}. */
  public void assertNoMore(Duration quiet) throws InterruptedException {
    Received extra = received.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
    if (extra != null) {
      throw new AssertionError("unexpected extra request " + extra.method() + " " + extra.path());
    }
  }

  private synchronized Reply next() {
    Reply reply = script.pollFirst();
    return reply != null ? reply : fallback;
  }

  private void handle(HttpExchange exchange) throws IOException {
    Map<String, List<String>> headers = new TreeMap<>();
    exchange
        .getRequestHeaders()
        .forEach((name, values) -> headers.put(name.toLowerCase(), new ArrayList<>(values)));
    received.add(
        new Received(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getRawPath(),
            exchange.getRequestURI().getRawQuery(),
            headers,
            HttpExchanges.readBody(exchange)));
    Reply reply = next();
    reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
    HttpExchanges.send(
        exchange,
        reply.status(),
        reply.headers().getOrDefault("Content-Type", "text/plain"),
        reply.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    server.close();
  }
}
