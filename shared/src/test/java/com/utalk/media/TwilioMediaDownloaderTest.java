package com.utalk.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.utalk.twilio.TwilioCredentials;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Fetching a WhatsApp attachment from Twilio's media URL, against a local HTTP server that plays
 * the media host (trusted through {@code MEDIA_EXTRA_ALLOWED_ORIGINS}, as the local stack's Twilio
 * stand-in is) and a second, untrusted one: the credentials go only to the trusted host, redirects
 * are followed within limits, and every refusal says whether retrying could help.
 */
class TwilioMediaDownloaderTest {
  private static final String AUTH =
      "Basic "
          + Base64.getEncoder()
              .encodeToString("AC123:secret-token".getBytes(StandardCharsets.UTF_8));

  private record Answer(int status, Map<String, String> headers, byte[] body) {}

  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private HttpServer trusted;
  private HttpServer other;
  private TwilioMediaDownloader downloader;

  @BeforeEach
  void hosts() throws IOException {
    trusted = server();
    other = server();
    downloader =
        new TwilioMediaDownloader(
            new MediaSources(Set.of(base(trusted))),
            new MediaPolicy(32),
            new TwilioCredentials("AC123", "secret-token", null));
  }

  @AfterEach
  void stop() {
    trusted.stop(0);
    other.stop(0);
  }

  private HttpServer server() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::answer);
    server.start();
    return server;
  }

  private static String base(HttpServer server) {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void answer(HttpExchange exchange) throws IOException {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    authorizations.add(exchange.getLocalAddress().getPort() + " " + authorization);
    Answer answer =
        answers.getOrDefault(exchange.getRequestURI().getPath(), new Answer(404, Map.of(), null));
    answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
    if (answer.body() == null) {
      exchange.sendResponseHeaders(answer.status(), -1);
    } else {
      // a Content-Length only when the answer declares one; else chunked
      boolean declared = exchange.getResponseHeaders().remove("Content-Length") != null;
      exchange.sendResponseHeaders(answer.status(), declared ? answer.body().length : 0);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer.body());
      }
    }
    exchange.close();
  }

  private URI at(HttpServer server, String path) {
    return URI.create(base(server) + path);
  }

  private MediaFailure refused(URI url) {
    return assertThrows(MediaFailure.class, () -> downloader.download(url, "image/jpeg"));
  }

  @Test
  void anAttachmentIsDownloadedWithTheAccountsCredentialsAndHashed() throws Exception {
    answers.put(
        "/Media/ME1",
        new Answer(
            200, Map.of("Content-Type", "image/png"), "png".getBytes(StandardCharsets.UTF_8)));

    TwilioMediaDownloader.Downloaded file = downloader.download(at(trusted, "/Media/ME1"), null);
    try {
      assertEquals("image/png", file.contentType(), "the host's type over the declared one");
      assertEquals(3, file.size());
      assertEquals("png", Files.readString(file.file()));
      assertEquals(
          java.util.HexFormat.of()
              .formatHex(
                  java.security.MessageDigest.getInstance("SHA-256")
                      .digest("png".getBytes(StandardCharsets.UTF_8))),
          file.sha256());
      assertEquals(List.of(trusted.getAddress().getPort() + " " + AUTH), authorizations);
    } finally {
      Files.deleteIfExists(file.file());
    }
  }

  @Test
  void theDeclaredTypeServesWhenTheHostSendsNone() throws Exception {
    answers.put("/Media/ME2", new Answer(200, Map.of(), new byte[] {1, 2}));
    TwilioMediaDownloader.Downloaded file =
        downloader.download(at(trusted, "/Media/ME2"), "audio/ogg");
    assertEquals("audio/ogg", file.contentType());
    Files.deleteIfExists(file.file());
  }

  @Test
  void aRedirectIsFollowedAndOnlyTheTrustedHostSeesTheCredentials() throws Exception {
    answers.put("/Media/ME3", new Answer(302, Map.of("Location", "/cdn/ME3"), null));
    answers.put(
        "/cdn/ME3", new Answer(200, Map.of("Content-Type", "video/mp4"), new byte[] {9, 9, 9}));
    TwilioMediaDownloader.Downloaded file = downloader.download(at(trusted, "/Media/ME3"), null);
    assertEquals(3, file.size());
    Files.deleteIfExists(file.file());

    answers.put("/Media/ME4", new Answer(307, Map.of("Location", base(other) + "/stolen"), null));
    MediaFailure insecure = refused(at(trusted, "/Media/ME4"));
    assertEquals(MediaFailure.FORBIDDEN_HOST, insecure.code());
    assertTrue(insecure.permanent());
    assertTrue(
        authorizations.stream().noneMatch(a -> a.startsWith(other.getAddress().getPort() + " ")),
        "the untrusted, non-https host was never asked: " + authorizations);
  }

  @Test
  void aUrlOffTheTwilioHostsIsRefusedBeforeAnyRequest() {
    MediaFailure forbidden = refused(at(other, "/Media/ME5"));
    assertEquals(MediaFailure.FORBIDDEN_HOST, forbidden.code());
    assertTrue(forbidden.permanent());
    assertEquals(List.of(), authorizations);
    assertEquals(MediaFailure.FORBIDDEN_HOST, refused(null).code());
  }

  @Test
  void redirectsWithoutALocationOrInALoopEnd() {
    answers.put("/Media/ME6", new Answer(301, Map.of(), null));
    assertEquals("redirect without a Location", refused(at(trusted, "/Media/ME6")).getMessage());

    answers.put("/Media/loop", new Answer(308, Map.of("Location", "/Media/loop"), null));
    MediaFailure loop = refused(at(trusted, "/Media/loop"));
    assertEquals("too many redirects", loop.getMessage());
    assertTrue(loop.permanent());
  }

  @Test
  void aMissingMediaIsPermanentAndAnOverloadedHostIsWorthARetry() {
    MediaFailure missing = refused(at(trusted, "/Media/none"));
    assertEquals("media host answered HTTP 404", missing.getMessage());
    assertTrue(missing.permanent());

    answers.put("/Media/busy", new Answer(503, Map.of(), null));
    assertFalse(refused(at(trusted, "/Media/busy")).permanent());
    answers.put("/Media/limited", new Answer(429, Map.of(), null));
    assertFalse(refused(at(trusted, "/Media/limited")).permanent());
  }

  @Test
  void aTypeNotAllowedOrABodyOverTheLimitIsRefused() throws Exception {
    answers.put(
        "/Media/exe",
        new Answer(200, Map.of("Content-Type", "application/octet-stream"), new byte[] {77, 90}));
    MediaFailure type = refused(at(trusted, "/Media/exe"));
    assertEquals(MediaFailure.UNSUPPORTED_TYPE, type.code());

    answers.put("/Media/big", new Answer(200, Map.of("Content-Type", "image/png"), new byte[33]));
    MediaFailure big = refused(at(trusted, "/Media/big"));
    assertEquals(MediaFailure.TOO_LARGE, big.code(), "counted while streaming: no Content-Length");
    assertTrue(big.permanent());

    answers.put(
        "/Media/declared-big",
        new Answer(200, Map.of("Content-Type", "image/png", "Content-Length", "33"), new byte[33]));
    assertEquals(MediaFailure.TOO_LARGE, refused(at(trusted, "/Media/declared-big")).code());
  }

  @Test
  void aHostThatCannotBeReachedIsWorthARetry() throws Exception {
    String url = base(trusted) + "/Media/ME7";
    trusted.stop(0);
    MediaFailure unreachable = refused(URI.create(url));
    assertEquals("media host could not be reached", unreachable.getMessage());
    assertFalse(unreachable.permanent());
  }
}
