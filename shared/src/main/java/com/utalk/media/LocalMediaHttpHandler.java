package com.utalk.media;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.utalk.errors.ApiProblem;
import com.utalk.errors.ErrorBody;
import com.utalk.json.Json;
import com.utalk.logging.Log;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Serves the local stack's signed media URLs (mount it on the gateway at {@link
 * LocalMediaStore#PATH_PREFIX}): GET downloads an object, PUT uploads one, each only with a valid,
 * unexpired signature for that method, path (and content type); otherwise 403.
 */
public final class LocalMediaHttpHandler implements HttpHandler {
  private static final Log LOG = Log.get(LocalMediaHttpHandler.class);

  private final LocalMediaStore store;
  private final MediaPolicy policy;

  public LocalMediaHttpHandler(LocalMediaStore store, MediaPolicy policy) {
    this.store = store;
    this.policy = policy;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      String requestPath = exchange.getRequestURI().getPath();
      if (!requestPath.startsWith(LocalMediaStore.PATH_PREFIX)) {
        error(exchange, 404, "not_found", "no such media");
        return;
      }
      String path = requestPath.substring(LocalMediaStore.PATH_PREFIX.length());
      Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
      String method = exchange.getRequestMethod();
      String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
      store.verify(method, path, query, contentType);
      switch (method) {
        case "GET" -> download(exchange, path);
        case "PUT" -> upload(exchange, path, contentType);
        default -> error(exchange, 405, "method_not_allowed", "use GET or PUT");
      }
    } catch (ApiProblem problem) {
      LOG.info("media url refused", "status", problem.status(), "error", problem.code());
      error(exchange, problem.status(), problem.code(), problem.getMessage());
    } finally {
      exchange.close();
    }
  }

  private void download(HttpExchange exchange, String path) throws IOException {
    MediaStore.StoredObject object = store.stat(path).orElse(null);
    if (object == null) {
      error(exchange, 404, "not_found", "no such media");
      return;
    }
    Path file = store.file(path);
    exchange
        .getResponseHeaders()
        .set(
            "Content-Type",
            object.contentType() == null ? "application/octet-stream" : object.contentType());
    exchange.getResponseHeaders().set("Cache-Control", "private, max-age=60");
    exchange.sendResponseHeaders(200, object.size() == 0 ? -1 : object.size());
    try (OutputStream out = exchange.getResponseBody();
        InputStream in = Files.newInputStream(file)) {
      in.transferTo(out);
    }
  }

  private void upload(HttpExchange exchange, String path, String contentType) throws IOException {
    if (MediaPolicy.allowedType(contentType) == null) {
      error(exchange, 415, "unsupported_media_type", "media type is not allowed");
      return;
    }
    Path temp = Files.createTempFile("utalk-upload-", ".bin");
    try (InputStream in = exchange.getRequestBody();
        OutputStream out = Files.newOutputStream(temp)) {
      byte[] buffer = new byte[64 * 1024];
      long size = 0;
      int read;
      while ((read = in.read(buffer)) >= 0) {
        size += read;
        if (size > policy.maxBytes()) {
          error(
              exchange,
              413,
              "payload_too_large",
              "media is larger than " + policy.maxBytes() + " bytes");
          return;
        }
        out.write(buffer, 0, read);
      }
      out.close();
      store.put(path, MediaPolicy.allowedType(contentType), temp);
      exchange.sendResponseHeaders(200, -1);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static void error(HttpExchange exchange, int status, String code, String message)
      throws IOException {
    byte[] body = Json.writeBytes(new ErrorBody(code, message, null, null));
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> values = new HashMap<>();
    if (raw == null) {
      return values;
    }
    for (String pair : raw.split("&")) {
      int equals = pair.indexOf('=');
      if (equals > 0) {
        values.put(
            URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
      }
    }
    return values;
  }
}
