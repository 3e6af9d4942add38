package com.utalk.functions.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.utalk.auth.Role;
import com.utalk.functions.api.ApiHarness.Response;
import com.utalk.workspace.Workspace;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad input over the REST API: always a 4xx in the one error shape, never a 5xx, never stored
 * rewritten.
 */
class InputHardeningTest {
  private static final String WS = "ws-hard";
  private static final String OTHER_WS = "ws-hard-other";
  private static final String NUMBER = "+14155550177";
  private static final String OTHER_NUMBER = "+14155550178";
  private static ApiHarness api;
  private static String agentToken;
  private static String outsiderToken;
  private static String adminToken;
  private static CustomerMessages customers;

  @BeforeAll
  static void start() {
    api = ApiHarness.start();
    agentToken = api.signedIn(WS, Role.AGENT, "agent@hard.example.com");
    adminToken = api.signedIn(WS, Role.ADMIN, "admin@hard.example.com");
    outsiderToken = api.signedIn(OTHER_WS, Role.AGENT, "agent@hard-other.example.com");
    customers =
        new CustomerMessages(
            api,
            new Workspace(WS, "Hardening", List.of(NUMBER)),
            new Workspace(OTHER_WS, "Hardening other", List.of(OTHER_NUMBER)));
  }

  @AfterAll
  static void stop() throws Exception {
    customers.close();
    api.close();
  }

  private static String conversation(String from, String to) {
    return customers.open(from, to);
  }

  static void assertRefused(int status, String error, Response response) {
    assertEquals(status, response.status(), response.body());
    JsonNode body = response.json();
    assertEquals(error, body.path("error").asText(), response.body());
    assertFalse(body.path("message").asText().isEmpty(), "a message the caller can read");
    assertEquals(
        response.header("X-Request-ID"),
        body.path("requestId").asText(),
        "the requestId of this request");
  }

  @Test
  void anOverlongEmailAtLoginIsA400NotAnOutage() {
    Response response =
        api.post(
            "/api/auth/login",
            null,
            Map.of("email", "a".repeat(2000) + "@x.example.com", "password", "whatever-123"));
    assertRefused(400, "validation_failed", response);
    assertEquals("email", response.json().path("field").asText());
  }

  @Test
  void pathIdsThatCannotExistAreNotFound() {
    for (String id : List.of("__x__", "__.__", "x".repeat(300), "%5F%5Fx%5F%5F")) {
      assertRefused(404, "not_found", api.get("/api/conversations/" + id, agentToken));
      assertRefused(
          404, "not_found", api.get("/api/conversations/" + id + "/messages", agentToken));
    }
    assertRefused(404, "not_found", api.get("/api/media/__x__", agentToken));
    assertRefused(
        404, "not_found", api.put("/api/users/__x__/role", adminToken, Map.of("role", "agent")));
    assertRefused(401, "missing_token", api.get("/api/conversations/__x__", null));
  }

  @Test
  void pathsAreDecodedOnceNotTwice() {
    String conversation = conversation("+5215512340005", NUMBER);
    String once =
        "%" + String.format("%02X", (int) conversation.charAt(0)) + conversation.substring(1);
    assertEquals(
        200,
        api.get("/api/conversations/" + once, agentToken).status(),
        "one percent-decoding reads the id");
    String twice =
        "%25" + String.format("%02X", (int) conversation.charAt(0)) + conversation.substring(1);
    assertFrameworkRefusal(
        400,
        api.get("/api/conversations/" + twice, agentToken),
        "an encoded %: never read as the id");
  }

  /**
   * The Functions Framework's Jetty refuses these before our code runs, with an empty body (its
   * error handler cannot be replaced; docs/api.md lists them): they must stay client errors.
   */
  @Test
  void refusalsOfTheFrameworkItselfAreClientErrors() {
    for (String id : List.of("a%2Fb", "a%00b", "%C3%28", "%2E%2E")) {
      assertFrameworkRefusal(400, api.get("/api/conversations/" + id, agentToken), id);
    }
    assertFrameworkRefusal(
        414, api.get("/api/conversations/" + "x".repeat(50_000), agentToken), "a 50 KB URL");
  }

  /**
   * Today Jetty answers with an empty body; should the framework ever render a body, it must be
   * ours.
   */
  private static void assertFrameworkRefusal(int status, Response response, String input) {
    assertEquals(status, response.status(), input + " -> " + response);
    if (!response.body().isEmpty()) {
      assertTrue(
          response.json().has("error") && response.json().has("requestId"),
          input + " -> " + response);
    }
  }

  @Test
  void craftedCursorsAreRefusedWith400() {
    for (String raw :
        List.of(
            "1:0:",
            "1:0:a/b",
            "253402300800:0:c1",
            "-62135596801:0:c1",
            "1:-1:c1",
            "1:0:__x__",
            "01:0:c1",
            "x")) {
      String cursor =
          Base64.getUrlEncoder()
              .withoutPadding()
              .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
      assertRefused(
          400, "validation_failed", api.get("/api/conversations?cursor=" + cursor, agentToken));
    }
    assertRefused(
        400, "validation_failed", api.get("/api/conversations?cursor=%25%25", agentToken));
    assertRefused(400, "validation_failed", api.get("/api/audit-logs?cursor=a%2Fb", adminToken));
    assertRefused(
        400,
        "validation_failed",
        api.get("/api/audit-logs?cursor=" + UUID.randomUUID(), adminToken));
    assertRefused(
        400, "validation_failed", api.get("/api/users?cursor=" + "a".repeat(300), adminToken));
  }

  @Test
  void malformedBodiesAreRefusedNotRewritten() throws Exception {
    String conversation = conversation("+5215512340001", NUMBER);
    String path = "/api/conversations/" + conversation + "/messages";
    String messageId = UUID.randomUUID().toString();
    byte[] loneSurrogate =
        ("{\"messageId\":\"" + messageId + "\",\"body\":\"hola \\ud800\"}")
            .getBytes(StandardCharsets.UTF_8);
    assertRefused(
        400, "validation_failed", api.send("POST", path, agentToken, loneSurrogate, Map.of()));
    byte[] trailing =
        ("{\"messageId\":\"" + messageId + "\",\"body\":\"hola\"} {\"x\":1}")
            .getBytes(StandardCharsets.UTF_8);
    assertRefused(400, "validation_failed", api.send("POST", path, agentToken, trailing, Map.of()));
    byte[] badUtf8 =
        ("{\"messageId\":\"" + messageId + "\",\"body\":\"hola \u0000\"}")
            .getBytes(StandardCharsets.UTF_8);
    badUtf8[badUtf8.length - 3] = (byte) 0xC3;
    assertRefused(400, "validation_failed", api.send("POST", path, agentToken, badUtf8, Map.of()));
    byte[] good =
        ("{\"messageId\":\"" + messageId + "\",\"body\":\"hola\"}")
            .getBytes(StandardCharsets.UTF_8);
    assertRefused(
        415,
        "unsupported_media_type",
        api.send("POST", path, agentToken, good, Map.of("Content-Type", "application/jsonx")));
    assertRefused(
        415,
        "unsupported_media_type",
        api.send(
            "POST",
            path,
            agentToken,
            good,
            Map.of("Content-Type", "application/json; charset=iso-8859-1")));
    assertRefused(
        400,
        "validation_failed",
        api.post(
            path,
            agentToken,
            Map.of("messageId", messageId, "body", "x", "mediaIds", List.of("a/b"))));
    assertFalse(
        api.firestore().collection("messages").document(messageId).get().get().exists(),
        "nothing stored on refusal");

    Response accepted =
        api.send(
            "POST",
            path,
            agentToken,
            good,
            Map.of("Content-Type", "Application/JSON ; charset=UTF-8"));
    assertEquals(
        202, accepted.status(), "the media type is compared, not the spelling: " + accepted);
  }

  @Test
  void valuesOfTheWrongKindAreRefusedNotConverted() {
    String conversation = conversation("+5215512340004", NUMBER);
    assertRefused(
        400,
        "validation_failed",
        api.post(
            "/api/media/uploads",
            agentToken,
            Map.of("conversationId", conversation, "contentType", "image/png", "size", 1.5)));
    assertRefused(
        400,
        "validation_failed",
        api.post(
            "/api/media/uploads",
            agentToken,
            Map.of("conversationId", 12345, "contentType", "image/png", "size", 10)));
    assertRefused(
        400,
        "validation_failed",
        api.post(
            "/api/media/uploads",
            agentToken,
            Map.of("conversationId", "a/b", "contentType", "image/png", "size", 10)));
    assertRefused(
        400,
        "validation_failed",
        api.post(
            "/api/media/regenerate-urls", adminToken, Map.of("from", "+100000-01-01T00:00:00Z")));
    assertRefused(
        400, "validation_failed", api.get("/api/conversations?limit=5&limit=6", agentToken));
    for (String when :
        List.of("%2B100000-01-01T00:00:00Z", "-0001-12-31T00:00:00Z", "%2B10000-01-01")) {
      assertRefused(400, "validation_failed", api.get("/api/kpis?to=" + when, adminToken));
      assertRefused(400, "validation_failed", api.get("/api/kpis?from=" + when, adminToken));
    }
    byte[] duplicateKeys =
        "{\"messageId\":\"x\",\"messageId\":\"y\"}".getBytes(StandardCharsets.UTF_8);
    assertRefused(
        400,
        "validation_failed",
        api.send(
            "POST",
            "/api/conversations/" + conversation + "/messages",
            agentToken,
            duplicateKeys,
            Map.of()));
  }

  @Test
  void bodiesAndQueriesOfTheWrongShapeNameTheField() {
    String conversation = conversation("+5215512340005", NUMBER);
    String messages = "/api/conversations/" + conversation + "/messages";
    String id = UUID.randomUUID().toString();
    assertField(
        "mediaIds", api.post(messages, agentToken, Map.of("messageId", id, "mediaIds", "m-1")));
    assertField(
        "mediaIds",
        api.post(messages, agentToken, Map.of("messageId", id, "mediaIds", List.of("m-1", 7))));
    assertField("body", api.post(messages, agentToken, Map.of("messageId", id, "body", 42)));
    assertField(
        "force",
        api.post(
            "/api/conversations/" + conversation + "/assign",
            adminToken,
            Map.of("agentId", "agent-1", "force", "yes")));
    assertField("botEnabled", api.get("/api/conversations?botEnabled=yes", agentToken));
    assertField("limit", api.get("/api/conversations?limit=ten", agentToken));
    assertField(
        "before", api.get("/api/conversations/" + conversation + "/messages?before=x", agentToken));
    assertRefused(
        400,
        "validation_failed",
        api.send(
            "POST", messages, agentToken, "[1, 2]".getBytes(StandardCharsets.UTF_8), Map.of()));
    assertRefused(
        400,
        "validation_failed",
        api.send(
            "POST", messages, agentToken, "not json".getBytes(StandardCharsets.UTF_8), Map.of()));
  }

  private static void assertField(String field, Response response) {
    assertRefused(400, "validation_failed", response);
    assertEquals(field, response.json().path("field").asText(), response.body());
  }

  @Test
  void aMessageIdUsedInAnotherWorkspaceAnswersLikeAFreshOne() throws Exception {
    String ours = conversation("+5215512340002", NUMBER);
    String theirs = conversation("+5215512340003", OTHER_NUMBER);
    String messageId = UUID.randomUUID().toString();
    Response first =
        api.post(
            "/api/conversations/" + theirs + "/messages",
            outsiderToken,
            Map.of("messageId", messageId, "body", "theirs"));
    assertEquals(202, first.status(), first.body());
    Response reused =
        api.post(
            "/api/conversations/" + ours + "/messages",
            agentToken,
            Map.of("messageId", messageId, "body", "ours"));
    Response fresh =
        api.post(
            "/api/conversations/" + ours + "/messages",
            agentToken,
            Map.of("messageId", UUID.randomUUID().toString(), "body", "ours"));
    assertEquals(fresh.status(), reused.status(), reused.body());
    assertEquals(messageId, reused.json().path("messageId").asText());
    Response again =
        api.post(
            "/api/conversations/" + ours + "/messages",
            agentToken,
            Map.of("messageId", messageId, "body", "ours"));
    assertEquals(
        reused.json().path("id"), again.json().path("id"), "repeating it is still idempotent");
    assertEquals(
        "theirs",
        api.firestore().collection("messages").document(messageId).get().get().getString("body"),
        "the other workspace's message is untouched");
  }
}
