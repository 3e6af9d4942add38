package com.utalk.ops.runbooks.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.firestore.QueryDocumentSnapshot;
import com.sun.net.httpserver.HttpServer;
import com.utalk.storage.Timestamps;
import com.utalk.testing.TestEnvironment;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which URLs kept on media documents a client would now fail to download ("Media no descarga"):
 * expired ones without a request, the rest fetched as a client would — a refusal with its status
 * and error code — and only stored items, at most {@link MediaRunbook#KEPT_URLS_CHECKED} per run.
 */
class BrokenKeptUrlsTest {
  private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");
  private TestEnvironment env;
  private HttpServer media;
  private int fetches;

  @BeforeEach
  void start() throws Exception {
    env = TestEnvironment.create();
    media = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    media.createContext(
        "/",
        exchange -> {
          fetches++;
          boolean revoked = exchange.getRequestURI().getPath().contains("revoked");
          byte[] body =
              (revoked ? "{\"error\":\"invalid_signature\"}" : "png")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(revoked ? 403 : 200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    media.start();
  }

  @AfterEach
  void stop() throws Exception {
    media.stop(0);
    env.close();
  }

  private String url(String path) {
    return "http://127.0.0.1:" + media.getAddress().getPort() + path;
  }

  private void media(String id, String status, String url, Instant expiresAt) throws Exception {
    Map<String, Object> doc = new HashMap<>();
    doc.put("status", status);
    doc.put("url", url);
    doc.put("createdAt", Timestamps.of(NOW.minus(Duration.ofMinutes(1))));
    if (expiresAt != null) {
      doc.put("urlExpiresAt", Timestamps.of(expiresAt));
    }
    env.firestore().collection("media").document(id).set(doc).get();
  }

  private List<QueryDocumentSnapshot> all() throws Exception {
    return env.firestore().collection("media").orderBy("__name__").get().get().getDocuments();
  }

  @Test
  void expiredAndRefusedUrlsAreBrokenAndTheirReasonsSaid() throws Exception {
    Instant later = NOW.plus(Duration.ofDays(6));
    media("a-fine", "stored", url("/ok/a"), later);
    media("b-expired", "stored", url("/ok/b"), NOW.minus(Duration.ofHours(1)));
    media("c-revoked", "stored", url("/revoked/c"), later);
    media("d-pending", "pending", url("/revoked/d"), later); // not downloadable yet anyway
    media("e-no-url", "stored", null, null);

    List<MediaRunbook.BrokenUrl> broken = MediaRunbook.brokenKeptUrls(all(), NOW);

    assertEquals(2, broken.size());
    assertEquals("b-expired", broken.get(0).media().getId());
    assertEquals("expired at " + NOW.minus(Duration.ofHours(1)), broken.get(0).why());
    assertEquals("c-revoked", broken.get(1).media().getId());
    assertTrue(broken.get(1).why().startsWith("403 invalid_signature"), broken.get(1).why());
    assertEquals(2, fetches, "the expired URL is judged without a request; pending never fetched");
  }

  @Test
  void atMostTwentyKeptUrlsAreFetchedPerRun() throws Exception {
    for (int i = 0; i < 25; i++) {
      media(String.format("m-%02d", i), "stored", url("/revoked/" + i), null);
    }
    List<MediaRunbook.BrokenUrl> broken = MediaRunbook.brokenKeptUrls(all(), NOW);
    assertEquals(MediaRunbook.KEPT_URLS_CHECKED, broken.size());
    assertEquals(MediaRunbook.KEPT_URLS_CHECKED, fetches);
    assertTrue(broken.stream().allMatch(b -> b.why().startsWith("403")));
  }
}
