package com.utalk.functions.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.WriteBatch;
import com.utalk.auth.Role;
import com.utalk.functions.api.ApiHarness;
import com.utalk.kpi.HourBucket;
import com.utalk.kpi.KpiCounter;
import com.utalk.kpi.KpiCounterStore;
import com.utalk.kpi.KpiRollup;
import com.utalk.kpi.KpiRollupStore;
import com.utalk.kpi.KpiSettings;
import com.utalk.kpi.Tally;
import com.utalk.slo.Slos;
import com.utalk.storage.FirestoreCalls;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/kpis} (JSON and CSV) over stored rollups, and {@code GET /api/slo}, through the
 * API router.
 */
class KpiApiTest {
  private static ApiHarness api;
  private static String operatorToken;
  private static String agentToken;

  @BeforeAll
  static void start() {
    api = ApiHarness.start();
    api.user("ws-api", Role.OPERATOR, "operator@kpi.example.com");
    api.user("ws-api", Role.AGENT, "agent@kpi.example.com");
    operatorToken = api.login("operator@kpi.example.com", ApiHarness.passwordFor(Role.OPERATOR));
    agentToken = api.login("agent@kpi.example.com", ApiHarness.passwordFor(Role.AGENT));
    Firestore firestore = api.firestore();
    // Day 1: 10 conversations, 8 resolved; 4 CSAT ratings, 3 positive. Day 2: 5 conversations, 1
    // resolved.
    KpiCounterStore counters = new KpiCounterStore(firestore, KpiSettings.defaults());
    WriteBatch batch = firestore.batch();
    HourBucket day1 = new HourBucket("ws-api", Instant.parse("2026-03-02T10:00:00Z"));
    HourBucket day1b = new HourBucket("ws-api", Instant.parse("2026-03-02T15:00:00Z"));
    HourBucket day2 = new HourBucket("ws-api", Instant.parse("2026-03-03T09:00:00Z"));
    counters.increment(
        batch,
        day1,
        0,
        Tally.of(KpiCounter.CONVERSATIONS, 6)
            .plus(KpiCounter.CONVERSATIONS_RESOLVED_FIRST_CONTACT, 5)
            .plus(KpiCounter.CSAT_RATINGS, 4)
            .plus(KpiCounter.CSAT_POSITIVE, 3));
    counters.increment(
        batch,
        day1b,
        3,
        Tally.of(KpiCounter.CONVERSATIONS, 4)
            .plus(KpiCounter.CONVERSATIONS_RESOLVED_FIRST_CONTACT, 3));
    counters.increment(
        batch,
        day2,
        1,
        Tally.of(KpiCounter.CONVERSATIONS, 5)
            .plus(KpiCounter.CONVERSATIONS_RESOLVED_FIRST_CONTACT, 1));
    FirestoreCalls.await(batch.commit());
    new KpiRollup(
            firestore,
            counters,
            new KpiRollupStore(firestore),
            KpiSettings.defaults(),
            Clock.systemUTC())
        .rollUp(Set.of(day1, day1b, day2));
  }

  @AfterAll
  static void stop() throws Exception {
    api.close();
  }

  @Test
  void dailyKpisWithTargetsAndStatus() throws Exception {
    ApiHarness.Response response = get("/api/kpis?period=day&from=2026-03-01&to=2026-03-03");
    assertEquals(200, response.status(), response.body());
    JsonNode body = response.json();
    assertEquals(3, body.path("periods").size(), "1, 2 and 3 March, both ends included");
    JsonNode march2 = body.path("periods").get(1);
    assertEquals("2026-03-02", march2.path("key").asText());
    assertEquals(0.8, march2.path("kpis").path("fcr").path("value").asDouble(), 1e-9);
    assertEquals(8, march2.path("kpis").path("fcr").path("numerator").asLong());
    assertEquals(10, march2.path("kpis").path("fcr").path("denominator").asLong());
    assertEquals(0.7, march2.path("kpis").path("fcr").path("target").asDouble(), 1e-9);
    assertEquals("ok", march2.path("kpis").path("fcr").path("status").asText());
    assertEquals(
        "breach", march2.path("kpis").path("csat").path("status").asText()); // 75% is not > 85%
    assertEquals(
        0,
        body.path("periods").get(0).path("kpis").path("fcr").path("denominator").asLong(),
        "a day without data is 0");
    // Over the range: (8 + 1) / (10 + 5).
    assertEquals(9.0 / 15, body.path("overall").path("fcr").path("value").asDouble(), 1e-9);
    assertEquals(9, body.path("overall").size());
  }

  @Test
  void weeklyAndCsv() throws Exception {
    JsonNode week = get("/api/kpis?period=week&from=2026-03-02&to=2026-03-02").json();
    assertEquals("2026-W10", week.path("periods").get(0).path("key").asText());
    assertEquals(
        15, week.path("periods").get(0).path("kpis").path("fcr").path("denominator").asLong());

    ApiHarness.Response csv = get("/api/kpis?period=day&from=2026-03-02&to=2026-03-03&format=csv");
    assertEquals(200, csv.status());
    assertTrue(csv.header("Content-Type").startsWith("text/csv"));
    List<String> lines = csv.body().lines().toList();
    assertEquals(
        "period,start,end,kpi,value,numerator,denominator,target,comparison,unit,status",
        lines.get(0));
    assertEquals(1 + 2 * 9, lines.size());
    assertTrue(
        lines.contains(
            "2026-03-02,2026-03-02T00:00:00Z,2026-03-03T00:00:00Z,fcr,0.8,8,10,0.7,>,ratio,ok"),
        csv.body());
  }

  @Test
  void badParametersAre400() throws Exception {
    ApiHarness.Response response = get("/api/kpis?period=year");
    assertEquals(400, response.status());
    assertTrue(response.body().contains("period"));
    assertEquals(400, get("/api/kpis?from=yesterday").status());
    assertEquals(400, get("/api/kpis?period=hour&from=2020-01-01&to=2026-01-01").status());
  }

  @Test
  void sloReportListsEverySloWithWindowsBudgetAndBurnRates() throws Exception {
    get("/api/kpis?period=day"); // some API traffic in this process
    ApiHarness.Response response = get("/api/slo");
    assertEquals(200, response.status(), response.body());
    JsonNode body = response.json();
    assertEquals(Slos.ALL.size(), body.path("slos").size());
    JsonNode availability = body.path("slos").get(0);
    assertEquals("api-availability", availability.path("id").asText());
    assertEquals(0.999, availability.path("objective").asDouble(), 1e-9);
    for (String window : List.of("1h", "6h", "3d", "30d")) {
      assertTrue(availability.path("sli").has(window), window);
    }
    assertTrue(availability.path("sli").path("1h").path("total").asDouble() >= 1);
    for (String window : List.of("5m", "30m", "1h", "6h", "3d")) {
      assertTrue(availability.path("burnRate").has(window), window);
    }
    assertTrue(availability.has("errorBudgetRemaining"));
    assertEquals("none", availability.path("alert").asText());
    assertEquals(3, body.path("alertRules").size());
    assertEquals(14.4, body.path("alertRules").get(0).path("burnRate").asDouble(), 1e-9);
  }

  private static ApiHarness.Response get(String path) {
    return api.get(path, operatorToken);
  }

  @Test
  void anAgentMayNotReadKpisNorSlos() {
    assertEquals(403, api.get("/api/kpis", agentToken).status());
    assertEquals(403, api.get("/api/slo", agentToken).status());
    assertEquals(401, api.get("/api/kpis", null).status());
  }
}
