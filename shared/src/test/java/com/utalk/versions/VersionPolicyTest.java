package com.utalk.versions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.utalk.errors.GoneException;
import com.utalk.errors.ValidationException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The compatibility windows before deprecation, during, and after the sunset, on a fixed clock. */
class VersionPolicyTest {
  private static VersionPolicy at(String instant) {
    return new VersionPolicy(Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
  }

  @Test
  void beforeDeprecationAVersionGetsNoHeaders() {
    assertEquals(Map.of(), at("2024-12-31T23:59:59Z").headers(ApiVersions.V1_0));
    at("2024-12-31T23:59:59Z").refuseIfSunset(ApiVersions.V1_0);
  }

  @Test
  void whileDeprecatedItGetsDeprecationSunsetAndLink() {
    Map<String, String> headers = at("2025-03-15T10:00:00Z").headers(ApiVersions.V1_0);
    // RFC 9745: @ and the unix seconds of 2025-01-01T00:00:00Z
    assertEquals("@1735689600", headers.get("Deprecation"));
    // RFC 8594 / RFC 9110 IMF-fixdate
    assertEquals("Tue, 01 Jul 2025 00:00:00 GMT", headers.get("Sunset"));
    assertEquals(
        "<https://docs.utalk.com/migrations/v1.0-to-v1.1>; rel=\"deprecation\"",
        headers.get("Link"));
    at("2025-06-30T23:59:59Z").refuseIfSunset(ApiVersions.V1_0);
    Instant sunset =
        ZonedDateTime.parse(headers.get("Sunset"), VersionPolicy.HTTP_DATE.withZone(ZoneOffset.UTC))
            .toInstant();
    assertTrue(
        sunset.getEpochSecond() > Long.parseLong(headers.get("Deprecation").substring(1)),
        "Sunset never before Deprecation");
  }

  @Test
  void afterTheSunsetItIsA410NamingTheGuide() {
    GoneException gone =
        assertThrows(
            GoneException.class, () -> at("2025-07-01T00:00:00Z").refuseIfSunset(ApiVersions.V1_0));
    assertEquals(410, gone.status());
    assertEquals("api_version_sunset", gone.code());
    assertTrue(
        gone.getMessage().contains("https://docs.utalk.com/migrations/v1.0-to-v1.1"),
        gone.getMessage());
    // v1.1 lives on until its own sunset
    at("2025-07-01T00:00:00Z").refuseIfSunset(ApiVersions.V1_1);
    assertFalse(at("2025-07-01T00:00:00Z").headers(ApiVersions.V1_1).isEmpty());
  }

  @Test
  void theCurrentVersionIsNeverDeprecated() {
    assertEquals(Map.of(), at("2100-01-01T00:00:00Z").headers(ApiVersions.CURRENT));
    assertEquals(ApiVersions.V1_2, ApiVersions.CURRENT);
  }

  @Test
  void everyDeprecatedVersionKeepsTheSixMonthGraceAndAGuide() {
    for (ApiVersion version : ApiVersions.ALL) {
      if (version != ApiVersions.CURRENT) {
        assertFalse(
            version.sunset().isBefore(version.deprecated().plus(ApiVersions.GRACE)),
            version.name());
        assertTrue(version.migrationGuide().toString().startsWith("https://"), version.name());
      }
    }
    ApiVersion shortGrace =
        new ApiVersion(
            "v0.9",
            LocalDate.parse("2025-01-01"),
            LocalDate.parse("2025-03-01"),
            URI.create("https://x/y"),
            false);
    assertThrows(IllegalStateException.class, () -> ApiVersions.check(shortGrace));
  }

  @Test
  void clientsNameTheVersionInAnyUsualFormAndNoneMeansCurrent() {
    assertEquals(ApiVersions.V1_1, ApiVersions.resolve("v1.1"));
    assertEquals(ApiVersions.V1_1, ApiVersions.resolve("1.1"));
    assertEquals(ApiVersions.V1_1, ApiVersions.resolve("1.1.0"));
    assertEquals(ApiVersions.CURRENT, ApiVersions.resolve(null));
    assertEquals(ApiVersions.CURRENT, ApiVersions.resolve(" "));
    ValidationException unknown =
        assertThrows(ValidationException.class, () -> ApiVersions.resolve("v2.0"));
    assertEquals(ApiVersions.HEADER, unknown.field());
  }

  @Test
  void onlyOlderVersionsGetAMintedMessageId() {
    assertEquals(null, MessageIds.forSend(ApiVersions.V1_2, null));
    String minted = MessageIds.forSend(ApiVersions.V1_1, null);
    assertTrue(
        minted.matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"),
        minted);
    assertNotEquals(
        minted,
        MessageIds.forSend(ApiVersions.V1_1, null),
        "a retry is a new message for them, as it was");
    assertEquals("given", MessageIds.forSend(ApiVersions.V1_0, "given"));
  }
}
