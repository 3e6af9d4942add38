package com.utalk.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code GET /metrics} on the local gateway: this process's metrics plus those of every process in
 * {@code upstreams} (name → its {@code /metrics} URL, e.g. each function's {@code METRICS_PORT}),
 * scraped in parallel and merged with a {@code service} label. An upstream that does not answer is
 * left out (and named in a comment), never fails the scrape.
 */
public final class MergedMetricsHandler implements HttpHandler {
  private final String self;
  private final Metrics metrics;
  private final Map<String, URI> upstreams;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

  public MergedMetricsHandler(String self, Metrics metrics, Map<String, URI> upstreams) {
    this.self = self;
    this.metrics = metrics;
    this.upstreams = Map.copyOf(upstreams);
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    Map<String, CompletableFuture<HttpResponse<String>>> pending = new LinkedHashMap<>();
    upstreams.forEach(
        (name, url) ->
            pending.put(
                name,
                http.sendAsync(
                    HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString())));
    Map<String, String> texts = new LinkedHashMap<>();
    texts.put(self, metrics.scrape());
    StringBuilder missing = new StringBuilder();
    pending.forEach(
        (name, future) -> {
          try {
            HttpResponse<String> response = future.join();
            if (response.statusCode() == 200) {
              texts.put(name, response.body());
            } else {
              missing
                  .append("# upstream ")
                  .append(name)
                  .append(" answered ")
                  .append(response.statusCode())
                  .append('\n');
            }
          } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            missing
                .append("# upstream ")
                .append(name)
                .append(" unreachable: ")
                .append(cause.getClass().getSimpleName())
                .append(' ')
                .append(String.valueOf(cause.getMessage()).replace('\n', ' '))
                .append('\n');
          }
        });
    byte[] body = (PrometheusMerge.merge(texts) + missing).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", Metrics.CONTENT_TYPE);
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
    exchange.close();
  }
}
