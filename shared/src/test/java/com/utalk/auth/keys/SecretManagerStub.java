package com.utalk.auth.keys;

import com.sun.net.httpserver.HttpServer;
import com.utalk.json.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for the four Secret Manager REST calls the key ring makes (list enabled versions,
 * access, addVersion, disable) — there is no Secret Manager emulator. Records every call.
 */
public final class SecretManagerStub implements AutoCloseable {
  public final String secretName;
  public final List<String> calls = new CopyOnWriteArrayList<>();

  /** Every call answers 503 while set (an outage of Secret Manager). */
  public volatile boolean unavailable;

  private final Map<Integer, String> payloads = new ConcurrentHashMap<>();
  private final Map<Integer, String> created = new ConcurrentHashMap<>();
  private final Map<Integer, String> states = new ConcurrentHashMap<>();
  private final HttpServer server;

  public SecretManagerStub(String secretName) throws IOException {
    this.secretName = secretName;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          calls.add(
              exchange.getRequestMethod()
                  + " "
                  + path
                  + " "
                  + exchange.getRequestHeaders().getFirst("Authorization"));
          Object answer;
          if (unavailable) {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
            return;
          }
          if (path.equals("/v1/" + secretName + "/versions")) {
            List<Map<String, Object>> versions = new ArrayList<>();
            new java.util.TreeMap<>(states)
                .forEach(
                    (n, state) -> {
                      if (state.equals("ENABLED")) {
                        versions.add(
                            Map.of(
                                "name",
                                secretName + "/versions/" + n,
                                "createTime",
                                created.get(n),
                                "state",
                                state));
                      }
                    });
            // two a page, as the API may answer fewer than pageSize: callers must follow the token
            String query = exchange.getRequestURI().getQuery();
            int from =
                query != null && query.contains("pageToken=")
                    ? Integer.parseInt(query.replaceAll(".*pageToken=(\\d+).*", "$1"))
                    : 0;
            int to = Math.min(from + 2, versions.size());
            answer =
                to < versions.size()
                    ? Map.of("versions", versions.subList(from, to), "nextPageToken", "" + to)
                    : Map.of("versions", versions.subList(from, to));
          } else if (path.endsWith(":access")) {
            int n = Integer.parseInt(path.replaceAll(".*/versions/(\\d+):access", "$1"));
            answer =
                Map.of(
                    "payload",
                    Map.of(
                        "data",
                        Base64.getEncoder()
                            .encodeToString(payloads.get(n).getBytes(StandardCharsets.UTF_8))));
          } else if (path.equals("/v1/" + secretName + ":addVersion")) {
            String data =
                Json.read(exchange.getRequestBody().readAllBytes())
                    .path("payload")
                    .path("data")
                    .asText();
            int n =
                add(
                    new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8),
                    "2025-06-0" + (payloads.size() + 1) + "T00:00:00Z");
            answer = Map.of("name", secretName + "/versions/" + n, "createTime", created.get(n));
          } else if (path.endsWith(":disable")) {
            states.put(
                Integer.parseInt(path.replaceAll(".*/versions/(\\d+):disable", "$1")), "DISABLED");
            answer = Map.of();
          } else {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
          }
          byte[] body = Json.writeBytes(answer);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
  }

  /** Adds an enabled version; returns its number. */
  public synchronized int add(String payload, String createTime) {
    int n = payloads.size() + 1;
    payloads.put(n, payload);
    created.put(n, createTime);
    states.put(n, "ENABLED");
    return n;
  }

  public void replacePayload(int version, String payload) {
    payloads.put(version, payload);
  }

  public String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
