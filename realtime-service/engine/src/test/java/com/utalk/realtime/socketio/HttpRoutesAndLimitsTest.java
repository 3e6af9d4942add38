package com.utalk.realtime.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The application's plain HTTP routes on the Socket.IO port (query, body, failures), and the size
 * limit on requests that name no live session.
 */
@Timeout(30)
class HttpRoutesAndLimitsTest {
  private static TestApp app;

  @BeforeAll
  static void start() {
    app =
        TestApp.start(
            TestApp.testConfig()
                .pingInterval(Duration.ofSeconds(25))
                .pingTimeout(Duration.ofSeconds(20))
                .maxPayload(2048)
                .build());
    app.server.route(
        "/echo",
        request -> {
          String name = request.query("name");
          return HttpRoute.Response.text(
              200,
              request.method()
                  + " "
                  + request.path()
                  + " name="
                  + name
                  + " body="
                  + new String(request.body(), StandardCharsets.UTF_8)
                  + " agent="
                  + request.header("user-agent"));
        });
    app.server.route("/empty", request -> new HttpRoute.Response(204, "text/plain", null));
    app.server.route(
        "/broken",
        request -> {
          throw new IllegalStateException("route bug");
        });
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void aRouteSeesTheQueryTheBodyAndTheHeaders() {
    HttpResponse<String> withQuery =
        RawClients.send(
            HttpRequest.newBuilder(URI.create(app.url() + "/echo?name=ana&x=1"))
                .header("User-Agent", "probe/1")
                .POST(HttpRequest.BodyPublishers.ofString("hola"))
                .build());
    assertEquals(200, withQuery.statusCode());
    assertEquals("POST /echo name=ana body=hola agent=probe/1", withQuery.body());
    assertTrue(
        RawClients.get(app.url() + "/echo").body().startsWith("GET /echo name=null body= "),
        "a missing parameter is null");
  }

  @Test
  void aResponseWithoutABodyIsEmptyAndAFailingRouteIs500() {
    HttpResponse<String> empty = RawClients.get(app.url() + "/empty");
    assertEquals(204, empty.statusCode());
    assertEquals("", empty.body());
    HttpResponse<String> broken = RawClients.get(app.url() + "/broken");
    assertEquals(500, broken.statusCode());
    assertEquals(
        "internal",
        TestJson.read(broken.body().getBytes(StandardCharsets.UTF_8)).path("error").asText());
  }

  @Test
  void aPreflightWithoutRequestedHeadersAllowsTheMethodsOnly() {
    HttpResponse<String> preflight =
        RawClients.send(
            HttpRequest.newBuilder(URI.create(app.url() + "/socket.io/?EIO=4&transport=polling"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Access-Control-Request-Method", "POST")
                .build());
    assertEquals(204, preflight.statusCode());
    assertEquals(
        "GET,POST,OPTIONS",
        preflight.headers().firstValue("access-control-allow-methods").orElse(null));
    assertTrue(preflight.headers().firstValue("access-control-allow-headers").isEmpty());
  }

  @Test
  void oversizedRequestsThatNameNoLiveSessionGet413() {
    String big = "4" + "x".repeat(4096);
    assertEquals(413, RawClients.post(app.url() + "/echo", big).statusCode(), "a route");
    assertEquals(
        413,
        RawClients.post(app.url() + "/socket.io/?EIO=4&transport=polling&sid=gone", big)
            .statusCode(),
        "an unknown session");
    assertEquals(
        1, new RawClients.Polling(app.url()).handshake.path("sid").asText().length() > 0 ? 1 : 0);
  }
}
