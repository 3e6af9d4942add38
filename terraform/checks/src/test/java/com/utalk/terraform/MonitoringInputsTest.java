package com.utalk.terraform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.utalk.json.Json;
import com.utalk.slo.Slos;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The monitoring module's inputs are generated from Slos: the committed file must be exactly what
 * the code generates. To regenerate after changing Slos: {@code emulators/dev test -pl
 * terraform/checks -am -Dtest=MonitoringInputsTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dterraform.regenerate=true}.
 */
class MonitoringInputsTest {
  @Test
  void theCommittedInputsAreWhatTheCatalogGenerates() throws IOException {
    Path file = Checks.REPO.monitoringInputs();
    String generated = MonitoringInputs.json();
    if (Boolean.getBoolean("terraform.regenerate")) {
      Files.writeString(file, generated);
    }
    String committed = Files.exists(file) ? Files.readString(file) : "";
    assertEquals(
        generated,
        committed,
        file
            + " differs from what shared/.../slo/Slos.java generates; regenerate it"
            + " (see this test's comment or terraform/README.md) and commit it");
  }

  @Test
  void everySloRuleAndAlertIsInTheInputsWithTheCatalogsNumbers() {
    JsonNode json = Json.read(MonitoringInputs.json().getBytes(StandardCharsets.UTF_8));
    assertEquals(
        Slos.ALL.size(),
        json.path("request_slos").size(),
        "every SLO of the catalog is an SLO object");
    assertEquals(
        0.999, json.path("request_slos").path("api-availability").path("goal").asDouble(), 1e-12);
    assertEquals(
        "distribution", json.path("request_slos").path("api-latency").path("kind").asText());
    assertEquals(
        0.4, json.path("request_slos").path("api-latency").path("range_max").asDouble(), 1e-12);
    assertEquals(3, json.path("burn_rate_rules").size());
    JsonNode page = json.path("burn_rate_rules").get(0);
    assertEquals(14.4, page.path("burn_rate").asDouble(), 1e-12);
    assertEquals("3600s", page.path("long_window").asText());
    assertEquals("300s", page.path("short_window").asText());
    JsonNode ticket = json.path("burn_rate_rules").get(2);
    assertEquals("ticket", ticket.path("severity").asText());
    assertEquals("259200s", ticket.path("long_window").asText());
    assertEquals("21600s", ticket.path("short_window").asText());
    // Twilio calls are counted by outcome: a ratio SLO over that counter, Twilio's series only.
    JsonNode twilio = json.path("request_slos").path("twilio-availability");
    assertEquals("ratio", twilio.path("kind").asText());
    assertEquals(0.99, twilio.path("goal").asDouble(), 1e-12);
    assertTrue(
        twilio
            .path("total_filter")
            .asText()
            .contains("workload.googleapis.com/external_requests_total"),
        twilio.toString());
    assertTrue(
        twilio.path("total_filter").asText().contains("metric.labels.peer_service=\"twilio\""),
        twilio.toString());
    assertTrue(
        twilio.path("bad_filter").asText().endsWith("metric.labels.outcome=\"error\""),
        twilio.toString());
    assertEquals(Slos.THRESHOLD_ALERTS.size(), json.path("threshold_alerts").size());
    JsonNode errorRate = json.path("threshold_alerts").path("high-error-rate");
    assertEquals("120s", errorRate.path("duration").asText());
    assertEquals(0.01, errorRate.path("threshold").asDouble(), 1e-12);
    assertTrue(errorRate.has("denominator_filter"));
    assertEquals(
        "[\"slack\",\"pagerduty\",\"sms\"]",
        json.path("threshold_alerts").path("api-down").path("channels").toString());
  }
}
