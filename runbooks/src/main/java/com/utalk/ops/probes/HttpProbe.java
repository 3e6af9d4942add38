package com.utalk.ops.probes;

import com.fasterxml.jackson.databind.JsonNode;
import com.utalk.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * One GET of a health or status URL, as an operator's curl would, with its answer or why there was
 * none.
 */
public final class HttpProbe {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  /**
   * {@code status} 0 means no answer ({@code error} says why); {@code date} is the server's Date
   * header.
   */
  public record Answer(
      String url,
      int status,
      String body,
      String requestId,
      Optional<String> date,
      String error,
      long latencyMs) {
    public boolean answered() {
      return status > 0;
    }

    public JsonNode json() {
      try {
        return Json.read(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      } catch (RuntimeException e) {
        return Json.object();
      }
    }

    /** {@code 503 database_unavailable (r-123)} or {@code no answer: ConnectException}. */
    public String summary() {
      if (!answered()) {
        return "no answer: " + error;
      }
      String code = json().path("error").asText("");
      return status
          + (code.isEmpty() ? "" : " " + code)
          + " in "
          + latencyMs
          + " ms"
          + (requestId == null ? "" : " (requestId " + requestId + ")");
    }
  }

  private HttpProbe() {}

  public static Answer get(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build());
  }

  public static Answer postJson(String url, String json) {
    return send(
        HttpRequest.newBuilder(URI.create(url))
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  private static Answer send(HttpRequest request) {
    long started = System.nanoTime();
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(
          request.uri().toString(),
          response.statusCode(),
          response.body(),
          response
              .headers()
              .firstValue(com.utalk.logging.RequestContext.REQUEST_ID_HEADER)
              .orElse(null),
          response.headers().firstValue("Date"),
          null,
          elapsed(started));
    } catch (java.io.IOException e) {
      return new Answer(
          request.uri().toString(),
          0,
          "",
          null,
          Optional.empty(),
          e.getClass().getSimpleName(),
          elapsed(started));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(
          request.uri().toString(), 0, "", null, Optional.empty(), "interrupted", elapsed(started));
    }
  }

  private static long elapsed(long started) {
    return (System.nanoTime() - started) / 1_000_000;
  }
}
