package com.utalk.functions.http;

import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import com.utalk.errors.ApiProblem;
import com.utalk.errors.ErrorBody;
import com.utalk.errors.InternalException;
import com.utalk.errors.PayloadTooLargeException;
import com.utalk.errors.Problems;
import com.utalk.json.Json;
import com.utalk.logging.Log;
import com.utalk.logging.RequestContext;
import com.utalk.metrics.HttpServerMetrics;
import com.utalk.metrics.Metrics;
import com.utalk.metrics.Routes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Everything every HTTP function does around its own work: binds the request ID (echoed as
 * X-Request-ID), bounds the body, renders failures as the one JSON error shape and writes one
 * access log line (not for health checks).
 */
public final class HttpCall {
  private static final Log LOG = Log.get(HttpCall.class);

  private final HttpRequest request;
  private final HttpResponse response;
  private final RequestContext context;

  private HttpCall(HttpRequest request, HttpResponse response, RequestContext context) {
    this.request = request;
    this.response = response;
    this.context = context;
  }

  /**
   * The body of an HTTP function; it writes its own success response through the {@link HttpCall}.
   */
  @FunctionalInterface
  public interface Handler {
    void handle(HttpCall call) throws IOException;
  }

  public static void serve(HttpRequest request, HttpResponse response, Handler handler)
      throws IOException {
    RequestContext context =
        RequestContext.fromIncoming(
            request.getFirstHeader(RequestContext.REQUEST_ID_HEADER).orElse(null),
            request.getFirstHeader("X-Cloud-Trace-Context").orElse(null),
            request.getFirstHeader("traceparent").orElse(null));
    response.appendHeader(RequestContext.REQUEST_ID_HEADER, context.requestId());
    HttpCall call = new HttpCall(request, response, context);
    long started = System.nanoTime();
    boolean health = request.getPath().startsWith("/health");
    HttpServerMetrics.Request timing =
        health ? null : Metrics.get().http().start(request.getMethod());
    int status;
    try (RequestContext.Scope ignored = context.open()) {
      try {
        handler.handle(call);
        status = call.statusWritten;
      } catch (RuntimeException e) {
        status = call.fail(Problems.of(e));
      }
      if (timing != null) {
        timing.end(call.route != null ? call.route : Routes.normalize(request.getPath()), status);
      }
      if (!health) {
        LOG.info(
            "http request",
            "method",
            request.getMethod(),
            "path",
            request.getPath(),
            "status",
            status,
            "latencyMs",
            (System.nanoTime() - started) / 1_000_000.0,
            "userAgent",
            request.getFirstHeader("User-Agent").orElse(null));
      }
    }
  }

  private int statusWritten = 200;

  /**
   * A request refused before its body was read (401, 403, 404…) leaves bytes on the connection;
   * reading them (bounded) first keeps the keep-alive connection reusable instead of reset under
   * the client's next request.
   */
  private static void drainUnreadBody(HttpRequest request) {
    try (InputStream in = request.getInputStream()) {
      byte[] buffer = new byte[8192];
      long left = 1 << 20;
      int read;
      while (left > 0 && (read = in.read(buffer, 0, (int) Math.min(buffer.length, left))) >= 0) {
        left -= read;
      }
    } catch (IOException | IllegalStateException e) {
      // already consumed through a reader, or the client went away: nothing to keep alive
    }
  }

  private String route;

  /**
   * The route template for metrics ({@code /api/conversations/{id}}); a router sets it, else ids
   * are masked.
   */
  public void route(String template) {
    this.route = template;
  }

  public HttpRequest request() {
    return request;
  }

  public String requestId() {
    return context.requestId();
  }

  public String header(String name) {
    return request.getFirstHeader(name).orElse(null);
  }

  /**
   * Reads the body, refusing more than {@code maxBytes} with 413 (declared length or actual bytes).
   */
  public byte[] body(int maxBytes) throws IOException {
    long declared = request.getContentLength();
    if (declared > maxBytes) {
      throw new PayloadTooLargeException("request body is larger than " + maxBytes + " bytes");
    }
    try (InputStream in = request.getInputStream()) {
      ByteArrayOutputStream out =
          new ByteArrayOutputStream((int) Math.max(0, Math.min(declared, maxBytes)));
      byte[] buffer = new byte[8192];
      int read;
      while ((read = in.read(buffer)) >= 0) {
        if (out.size() + read > maxBytes) {
          throw new PayloadTooLargeException("request body is larger than " + maxBytes + " bytes");
        }
        out.write(buffer, 0, read);
      }
      return out.toByteArray();
    }
  }

  /** Adds a header to the answer (call before writing it; also kept on an error answer). */
  public void responseHeader(String name, String value) {
    response.appendHeader(name, value);
  }

  public void json(int status, Object body) throws IOException {
    write(status, "application/json; charset=utf-8", Json.writeBytes(body));
  }

  public void write(int status, String contentType, byte[] body) throws IOException {
    statusWritten = status;
    response.setStatusCode(status);
    response.setContentType(contentType);
    try (OutputStream out = response.getOutputStream()) {
      out.write(body);
    }
  }

  public void text(int status, String contentType, String body) throws IOException {
    write(status, contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  private int fail(ApiProblem problem) throws IOException {
    if (problem instanceof InternalException) {
      LOG.error(
          "unhandled error",
          problem.getCause() == null ? problem : problem.getCause(),
          "path",
          request.getPath());
    } else if (problem.status() >= 500) {
      LOG.warn("request failed", "error", problem.code(), "reason", problem.getMessage());
    } else {
      LOG.info(
          "request refused",
          "status",
          problem.status(),
          "error",
          problem.code(),
          "reason",
          problem.getMessage());
    }
    String retryAfter = ErrorBody.retryAfterSeconds(problem);
    if (retryAfter != null) {
      response.appendHeader("Retry-After", retryAfter);
    }
    return writeError(problem.status(), ErrorBody.of(problem, context.requestId()));
  }

  private int writeError(int status, ErrorBody body) throws IOException {
    drainUnreadBody(request);
    json(status, body);
    return status;
  }
}
