package com.utalk.ops.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.utalk.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * A front end's first seconds, spoken as Socket.IO v4 over Engine.IO long-polling (no client
 * library in a JVM tool): open, CONNECT with {@code auth: {token}}, then one event with an ack.
 * Returns the ack's first argument; any refusal (connect_error, no ack in time) throws with it.
 */
final class SocketSmoke {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final String SEPARATOR = "\u001e";

  private SocketSmoke() {}

  static JsonNode connectAndAck(
      String realtimeUrl,
      String token,
      String event,
      Map<String, Object> argument,
      Duration timeout)
      throws Exception {
    String base = realtimeUrl + "/socket.io/?EIO=4&transport=polling";
    String open = get(base);
    if (!open.startsWith("0")) {
      throw new IllegalStateException("no Engine.IO open packet: " + open);
    }
    String sid = Json.read(open.substring(1).getBytes(StandardCharsets.UTF_8)).path("sid").asText();
    String session = base + "&sid=" + sid;
    post(session, "40" + Json.write(Map.of("token", token)));
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean connected = false;
    while (System.nanoTime() < deadline) {
      for (String packet : get(session).split(SEPARATOR)) {
        if (packet.startsWith("44")) {
          throw new IllegalStateException("connect_error: " + packet.substring(2));
        }
        if (packet.startsWith("40") && !connected) {
          connected = true;
          post(session, "421" + Json.write(java.util.List.of(event, argument)));
        } else if (packet.startsWith("431")) {
          post(session, "1"); // close the Engine.IO session
          return Json.read(packet.substring(3).getBytes(StandardCharsets.UTF_8)).path(0);
        } else if (packet.equals("2")) {
          post(session, "3"); // answer the ping
        }
      }
    }
    throw new IllegalStateException(
        connected
            ? "connected, but no ack to " + event + " within " + timeout.toSeconds() + " s"
            : "no CONNECT answer within " + timeout.toSeconds() + " s");
  }

  private static String get(String url) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(35)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "GET " + url + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  private static void post(String url, String body) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "text/plain;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "POST " + url + " answered " + response.statusCode() + ": " + response.body());
    }
  }
}
