package com.utalk.ops.environment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.utalk.config.Settings;
import com.utalk.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What can be proven of the deployed-environment paths without Google: where an environment is, and
 * the Cloud Logging query.
 */
class CloudTargetPartsTest {
  @Test
  void eachEnvironmentIsReadFromItsTerraformVariables() {
    Settings repo =
        Settings.of(
            Map.of(
                "UTALK_REPO_ROOT",
                java.nio.file.Path.of("..").toAbsolutePath().normalize().toString()));
    CloudEnvironment prod = CloudEnvironment.from("prod", repo);
    assertEquals("utalk-prod", prod.projectId());
    assertEquals("us-central1", prod.region());
    assertEquals("https://api.utalk.example", prod.publicBaseUrl());
    assertEquals("production", prod.settings().require("APP_ENV"));
    assertEquals("jwt-signing-key", prod.settings().require("JWT_SECRET_NAME"));
    assertEquals("(default)", prod.firestoreDatabase(), "until a restore switches it");
    assertEquals(
        "restore-20261203",
        CloudEnvironment.parse(
                "prod",
                "project_id = \"p\"\nregion = \"r\"\nenvironment = \"production\"\n"
                    + "domain = \"d\"\ntwilio_account_sid = \"AC1\"\nfirestore_database = \"restore-20261203\"\n")
            .firestoreDatabase());
    for (String env : List.of("dev", "staging")) {
      assertEquals("utalk-" + env, CloudEnvironment.from(env, repo).projectId());
    }
  }

  @Test
  void aTfvarsFileWithoutTheDomainIsRefusedByName() {
    IllegalStateException error =
        assertThrows(
            IllegalStateException.class,
            () ->
                CloudEnvironment.parse(
                    "qa", "project_id = \"p\"\nregion = \"r\"\nenvironment = \"staging\"\n"));
    assertEquals("terraform/environments/qa/terraform.tfvars has no domain", error.getMessage());
  }

  @Test
  void theLoggingFilterSelectsOneServicesLinesSinceAnInstant() {
    LogQuery query =
        LogQuery.of(
            "whatsapp-inbound-webhook",
            Instant.parse("2026-12-04T01:00:00Z"),
            "request \"refused\"");
    assertEquals(
        "resource.type=\"cloud_run_revision\" AND resource.labels.service_name=\"whatsapp-inbound-webhook\""
            + " AND timestamp>=\"2026-12-04T01:00:00Z\" AND jsonPayload.message=\"request \\\"refused\\\"\"",
        CloudLogs.filter(query));

    JsonNode request =
        new CloudLogs("utalk-prod", CloudLogs.ENDPOINT, null).request(query, "next-page");
    assertEquals("projects/utalk-prod", request.path("resourceNames").get(0).asText());
    assertEquals("timestamp desc", request.path("orderBy").asText());
    assertEquals(1000, request.path("pageSize").asInt());
    assertEquals("next-page", request.path("pageToken").asText());
  }

  @Test
  void anEntryOfTheLoggingApiReadsAsTheServicesOwnLogLine() {
    JsonNode entry =
        Json.read(
            ("{\"timestamp\":\"2026-12-04T01:02:03.456Z\",\"severity\":\"INFO\","
                    + "\"jsonPayload\":{\"message\":\"http request\",\"status\":403,\"path\":\"/webhooks/twilio/whatsapp\",\"requestId\":\"r-1\"}}")
                .getBytes(StandardCharsets.UTF_8));
    LogEntry read = CloudLogs.toEntry("whatsapp-inbound-webhook", entry);
    assertEquals(Instant.parse("2026-12-04T01:02:03.456Z"), read.time());
    assertEquals("http request", read.message());
    assertEquals(403, read.status());
    assertEquals("r-1", read.requestId());
    assertTrue(
        CloudLogs.toEntry(
                "x", Json.read("{\"textPayload\":\"plain\"}".getBytes(StandardCharsets.UTF_8)))
            .message()
            .equals("plain"));
  }

  @Test
  void aLocalLogLineThatIsNotOursIsSkipped() {
    assertEquals(null, LocalLogFiles.parse("OpenJDK 64-Bit Server VM warning: ..."));
    LogEntry line =
        LocalLogFiles.parse(
            "{\"severity\":\"INFO\",\"message\":\"http request\",\"time\":\"2026-12-04T01:00:00Z\","
                + "\"service\":\"api\",\"requestId\":\"r-2\",\"status\":200}");
    assertEquals("api", line.service());
    assertEquals(200, line.status());
  }
}
