package com.utalk.realtime.socketio;

import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A plain HTTP endpoint served on the same port as Socket.IO (a health check, a metrics page). Runs
 * on a Netty I/O thread: it must answer quickly and never block.
 */
@FunctionalInterface
public interface HttpRoute {
  Response handle(Request request) throws Exception;

  /** The request as received (any method; the body is at most {@code maxPayload} bytes). */
  final class Request {
    private final String method;
    private final String path;
    private final Map<String, List<String>> query;
    private final HttpHeaders headers;
    private final byte[] body;

    Request(
        String method,
        String path,
        Map<String, List<String>> query,
        HttpHeaders headers,
        byte[] body) {
      this.method = method;
      this.path = path;
      this.query = query;
      this.headers = headers;
      this.body = body;
    }

    public String method() {
      return method;
    }

    public String path() {
      return path;
    }

    public String query(String name) {
      List<String> values = query.get(name);
      return values == null || values.isEmpty() ? null : values.get(0);
    }

    public String header(String name) {
      return headers.get(name);
    }

    public byte[] body() {
      return body.clone();
    }
  }

  /** A complete response. */
  record Response(int status, String contentType, byte[] body) {
    public Response {
      body = body == null ? new byte[0] : body.clone();
    }

    @Override
    public byte[] body() {
      return body.clone();
    }

    public static Response text(int status, String text) {
      return new Response(
          status, "text/plain; charset=UTF-8", text.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code json}: a JSON document the application serialized with its own mapper. */
    public static Response json(int status, byte[] json) {
      return new Response(status, "application/json", json);
    }
  }
}
