package com.utalk.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import com.utalk.auth.MutableClock;
import com.utalk.json.Json;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local stack's stand-in for Cloud Storage's signed URLs, over HTTP as the front end uses it: a
 * signed PUT stores an allowed type within the size limit, a signed GET reads it back, and every
 * URL that was altered, is for another method or type, or has expired is a 403 with the one error
 * shape — as Cloud Storage refuses them.
 */
class LocalMediaHttpHandlerTest {
  private static final String PATH = "ws-1/conv-1/media-1";

  @TempDir Path root;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T10:00:00Z"));
  private final HttpClient http = HttpClient.newHttpClient();
  private HttpServer server;
  private LocalMediaStore store;

  @BeforeEach
  void serve() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    store =
        new LocalMediaStore(
            root, "local-media-test-key".getBytes(StandardCharsets.UTF_8), base, clock);
    server.createContext("/", new LocalMediaHttpHandler(store, new MediaPolicy(16)));
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private HttpResponse<String> put(String url, String contentType, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", contentType)
            .PUT(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String error(HttpResponse<String> response) {
    JsonNode body = Json.read(response.body().getBytes(StandardCharsets.UTF_8));
    assertTrue(
        response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    return response.statusCode() + " " + body.path("error").asText();
  }

  @Test
  void aSignedUploadIsReadBackWithItsType() throws Exception {
    String upload = store.signedPutUrl(PATH, "image/png", Duration.ofMinutes(15)).url();
    assertEquals(200, put(upload, "image/png", "png bytes").statusCode());

    HttpResponse<String> read = get(store.signedGetUrl(PATH, Duration.ofMinutes(5)).url());
    assertEquals(200, read.statusCode());
    assertEquals("png bytes", read.body());
    assertEquals("image/png", read.headers().firstValue("Content-Type").orElseThrow());
    assertEquals("private, max-age=60", read.headers().firstValue("Cache-Control").orElseThrow());
  }

  @Test
  void anUploadOfAnotherTypeThanSignedOrNotAllowedIsRefused() throws Exception {
    String upload = store.signedPutUrl(PATH, "image/png", Duration.ofMinutes(15)).url();
    assertEquals("403 invalid_signature", error(put(upload, "image/jpeg", "jpeg")));

    String executable =
        store.signedPutUrl(PATH, "application/octet-stream", Duration.ofMinutes(15)).url();
    assertEquals(
        "415 unsupported_media_type", error(put(executable, "application/octet-stream", "MZ")));
    assertTrue(store.stat(PATH).isEmpty(), "nothing stored");
  }

  @Test
  void anUploadOverTheLimitIsRefusedAndNothingIsStored() throws Exception {
    String upload = store.signedPutUrl(PATH, "image/png", Duration.ofMinutes(15)).url();
    assertEquals("413 payload_too_large", error(put(upload, "image/png", "x".repeat(17))));
    assertTrue(store.stat(PATH).isEmpty());
    assertEquals(200, put(upload, "image/png", "x".repeat(16)).statusCode(), "the limit itself");
  }

  @Test
  void alteredWrongMethodAndExpiredUrlsAreForbidden() throws Exception {
    String upload = store.signedPutUrl(PATH, "image/png", Duration.ofMinutes(15)).url();
    put(upload, "image/png", "secret photo");
    String read = store.signedGetUrl(PATH, Duration.ofMinutes(5)).url();

    assertEquals(
        "403 invalid_signature",
        error(get(read.replace(PATH, "ws-1/conv-1/media-2"))),
        "a URL for another object");
    assertEquals(
        "403 invalid_signature",
        error(get(read.replaceFirst("expires=\\d+", "expires=9999999999"))),
        "a later expiry");
    assertEquals(
        "403 invalid_signature", error(get(read.replaceFirst("expires=\\d+", "expires=soon"))));
    assertEquals("403 invalid_signature", error(get(read.substring(0, read.indexOf('?')))));
    assertEquals("403 invalid_signature", error(get(upload)), "a PUT URL used to read");

    clock.advance(Duration.ofMinutes(6));
    assertEquals("403 expired_url", error(get(read)));
  }

  @Test
  void pathsOutsideTheMediaFilesOrOfObjectsNeverStoredAreNotFound() throws Exception {
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    assertEquals("404 not_found", error(get(base + "/etc/passwd")));
    assertEquals(
        "404 not_found", error(get(store.signedGetUrl(PATH, Duration.ofMinutes(5)).url())));
  }

  @Test
  void onlyGetAndPutAreServed() throws Exception {
    String read = store.signedGetUrl(PATH, Duration.ofMinutes(5)).url();
    HttpResponse<String> delete =
        http.send(
            HttpRequest.newBuilder(URI.create(read.replace("method=GET", "method=DELETE")))
                .DELETE()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals("403 invalid_signature", error(delete), "not signed for DELETE");
  }
}
