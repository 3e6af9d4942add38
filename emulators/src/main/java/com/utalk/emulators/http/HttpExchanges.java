package com.utalk.emulators.http;

import com.sun.net.httpserver.HttpExchange;
import com.utalk.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Small helpers for answering on a JDK {@link HttpExchange}. */
public final class HttpExchanges {
  public static final String JSON = "application/json; charset=utf-8";

  private HttpExchanges() {}

  public static byte[] readBody(HttpExchange exchange) throws IOException {
    return exchange.getRequestBody().readAllBytes();
  }

  public static String readBodyText(HttpExchange exchange) throws IOException {
    return new String(readBody(exchange), StandardCharsets.UTF_8);
  }

  public static void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
    send(exchange, status, JSON, Json.writeBytes(body));
  }

  public static void sendText(HttpExchange exchange, int status, String body) throws IOException {
    send(exchange, status, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Writes a complete response. The JDK treats a length of 0 as "chunked", so an empty body is sent
   * as -1 (no body), which is also what HEAD and 204/304 require.
   */
  public static void send(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    if (contentType != null) {
      exchange.getResponseHeaders().set("Content-Type", contentType);
    }
    boolean noBody =
        body == null
            || body.length == 0
            || status == 204
            || status == 304
            || "HEAD".equalsIgnoreCase(exchange.getRequestMethod());
    exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
    if (!noBody) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
    exchange.close();
  }
}
