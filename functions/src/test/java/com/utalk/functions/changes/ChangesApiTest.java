package com.utalk.functions.changes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.utalk.auth.Role;
import com.utalk.changes.Changelog;
import com.utalk.functions.api.ApiHarness;
import com.utalk.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GET /api/changes serves the changelog and today's status of each version; the OpenAPI version
 * follows the changelog.
 */
class ChangesApiTest {
  private static ApiHarness api;
  private static String token;

  @BeforeAll
  static void start() {
    api = ApiHarness.start();
    token = api.signedIn("ws-changes", Role.AGENT, "agent@changes.example.com");
  }

  @AfterAll
  static void stop() throws Exception {
    api.close();
  }

  @Test
  void theFrontEndReadsVersionsAndReleasesFromTheChangelog() {
    ApiHarness.Response response =
        api.send("GET", "/api/changes", token, null, Map.of("X-API-Version", "v1.2"));
    assertEquals(200, response.status(), response.toString());
    JsonNode body = response.json();
    assertEquals("v1.2", body.path("current").asText());
    assertEquals("P6M", body.path("gracePeriod").asText());
    // today (December 2026) both older versions are past the document's sunset dates
    assertEquals("sunset", body.path("versions").path(0).path("status").asText());
    assertEquals("2025-07-01", body.path("versions").path(0).path("sunset").asText());
    assertEquals("supported", body.path("versions").path(2).path("status").asText());
    JsonNode newest = body.path("releases").path(0);
    assertEquals(Changelog.bundled().releases().get(0).version(), newest.path("version").asText());
    assertEquals("breaking", newest.path("changes").path(0).path("type").asText());
    assertEquals(401, api.get("/api/changes", null).status());
  }

  @Test
  void theOpenApiDocumentCarriesTheNewestReleasedVersion() throws Exception {
    JsonNode openapi =
        Json.read(Files.readAllBytes(Path.of("src", "main", "resources", "openapi.json")));
    assertEquals(
        Changelog.bundled().releases().get(0).version(),
        openapi.path("info").path("version").asText());
    assertTrue(
        Files.readString(Path.of("..", "CHANGELOG.md"))
            .contains("## [" + openapi.path("info").path("version").asText() + "]"));
  }
}
