package com.utalk.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.utalk.config.Settings;
import com.utalk.json.Json;
import com.utalk.testing.ProjectVersion;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StructuredLoggingTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final Log log = Log.get(StructuredLoggingTest.class);

  private List<JsonNode> lines() {
    return out.toString(StandardCharsets.UTF_8)
        .lines()
        .map(l -> Json.read(l.getBytes(StandardCharsets.UTF_8)))
        .toList();
  }

  private void install(Map<String, String> settings) {
    LogSetup.install(Settings.of(settings), out);
  }

  @AfterEach
  void restore() {
    LogSetup.install(Settings.of(Map.of()));
  }

  @Test
  void eachLineIsCloudLoggingJsonWithTheRequestIdLabelTraceAndServiceFields() {
    install(Map.of("APP_ENV", "staging", "GOOGLE_CLOUD_PROJECT", "utalk-stg"));
    RequestContext context =
        RequestContext.fromIncoming("req-abcdef12", "105445aa7843bc8bf206b12000100000/1;o=1", null);
    try (RequestContext.Scope ignored = context.open()) {
      log.info("webhook received", "numMedia", 2);
    }
    JsonNode line = lines().get(0);
    assertEquals("INFO", line.path("severity").asText());
    assertEquals("webhook received", line.path("message").asText());
    assertFalse(line.path("time").asText().isEmpty());
    assertEquals(
        "req-abcdef12", line.path("logging.googleapis.com/labels").path("requestId").asText());
    assertEquals(
        "projects/utalk-stg/traces/105445aa7843bc8bf206b12000100000",
        line.path("logging.googleapis.com/trace").asText());
    assertEquals("utalk-backend", line.path("service").asText());
    assertEquals("staging", line.path("environment").asText());
    assertEquals(
        ProjectVersion.fromRootPom(), line.path("version").asText(), "the root pom's version");
    assertEquals(2, line.path("numMedia").asInt());
  }

  @Test
  void traceparentIsUnderstoodToo() {
    assertEquals(
        "4bf92f3577b34da6a3ce929d0e0e4736",
        RequestContext.fromIncoming(
                null, null, "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
            .traceId());
  }

  @Test
  void secretsAreDroppedPhonesMaskedAndBodiesNotLogged() {
    install(Map.of("APP_ENV", "development"));
    log.info(
        "login from whatsapp:+5215512345678",
        "password",
        "hunter2",
        "accessToken",
        "eyJhbGciOi",
        "Authorization",
        "Bearer x",
        "jwtSecret",
        "s3cr3t",
        "from",
        "whatsapp:+5215512345678",
        "body",
        "mi tarjeta es 4111",
        "waId",
        "5215512345678");
    String raw = out.toString(StandardCharsets.UTF_8);
    for (String leaked :
        List.of("hunter2", "eyJhbGciOi", "Bearer x", "s3cr3t", "5215512345678", "4111")) {
      assertFalse(raw.contains(leaked), "leaked " + leaked + ": " + raw);
    }
    JsonNode line = lines().get(0);
    assertEquals("***5678", line.path("from").asText());
    assertEquals("***5678", line.path("waId").asText());
    assertEquals("[18 chars]", line.path("body").asText());
    assertTrue(line.path("message").asText().contains("***5678"));
  }

  @Test
  void aKeyWithoutItsValueIsReportedAndTheDanglingArgumentIsNotWritten() {
    install(Map.of("APP_ENV", "development"));
    log.info("odd fields", "conversationId", "c1", "eyJdangling");
    String raw = out.toString(StandardCharsets.UTF_8);
    assertFalse(raw.contains("eyJdangling"), raw);
    JsonNode line = lines().get(0);
    assertEquals("c1", line.path("conversationId").asText());
    assertTrue(line.path("loggingError").asText().contains("odd number"), raw);
  }

  @Test
  void logLevelOverridesTheEnvironmentDefault() {
    install(Map.of("APP_ENV", "production"));
    log.info("hidden in production");
    log.warn("shown in production");
    assertEquals(
        List.of("shown in production"),
        lines().stream().map(l -> l.path("message").asText()).toList());

    out.reset();
    install(Map.of("APP_ENV", "production", "LOG_LEVEL", "debug"));
    log.debug("debug on request");
    assertEquals("DEBUG", lines().get(0).path("severity").asText());
  }

  @Test
  void requestIdsAreKeptWhenWellFormedAndReplacedWhenNot() {
    assertEquals(
        "abc-123-def-456", RequestContext.fromIncoming("abc-123-def-456", null, null).requestId());
    String replaced =
        RequestContext.fromIncoming("<script>alert(1)</script>", null, null).requestId();
    assertNotEquals("<script>alert(1)</script>", replaced);
    assertTrue(replaced.matches("[0-9a-f-]{36}") && replaced.charAt(14) == '4', "a fresh UUID v4");
    assertTrue(RequestContext.fromIncoming(null, null, null).requestId().matches("[0-9a-f-]{36}"));
  }
}
