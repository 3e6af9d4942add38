package com.utalk.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProblemsTest {
  @Test
  void everyFailureMapsToOneStatusAndBody() {
    ApiProblem outage =
        Problems.of(
            new StorageUnavailableException(
                "Firestore call failed (unavailable): 10.0.0.7:443 refused", null));
    assertEquals(503, outage.status());
    assertEquals("5", ErrorBody.retryAfterSeconds(outage));
    assertEquals(
        new ErrorBody("unavailable", "storage is unavailable, retry later", "req-1", null),
        ErrorBody.of(outage, "req-1"),
        "the detail (hosts, gRPC text) stays in the log");

    ApiProblem bug = Problems.of(new NullPointerException("x is null"));
    assertEquals(500, bug.status());
    assertEquals(
        new ErrorBody("internal", "internal error", "req-2", null), ErrorBody.of(bug, "req-2"));
    assertNull(ErrorBody.retryAfterSeconds(bug));

    ValidationException invalid =
        new ValidationException("cursor", "cursor is not one this API returned");
    assertSame(invalid, Problems.of(invalid));
    assertEquals("cursor", ErrorBody.of(invalid, "req-3").field());
  }

  @Test
  void retryAfterIsWholeSecondsRoundedUpAndAtLeastOne() {
    assertEquals(
        "2",
        ErrorBody.retryAfterSeconds(
            new RateLimitedException("slow down", Duration.ofMillis(1200))));
    assertEquals(
        "1",
        ErrorBody.retryAfterSeconds(new RateLimitedException("slow down", Duration.ofMillis(10))));
    assertEquals(
        "1", ErrorBody.retryAfterSeconds(new RateLimitedException("slow down", Duration.ZERO)));
  }
}
