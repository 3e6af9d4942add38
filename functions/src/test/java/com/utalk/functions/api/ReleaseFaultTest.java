package com.utalk.functions.api;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.utalk.config.ConfigurationException;
import com.utalk.config.Settings;
import com.utalk.errors.ServiceUnavailableException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReleaseFaultTest {
  @Test
  void unsetChangesNothing() {
    ReleaseFault fault = ReleaseFault.from(Settings.of(Map.of()));
    assertDoesNotThrow(() -> fault.refuseIfSet("/api/conversations"));
  }

  @Test
  void aFaultyReleaseAnswers503OnTheApiButNotOnHealth() {
    ReleaseFault fault =
        ReleaseFault.from(
            Settings.of(Map.of("RELEASE_FAULT", "api-503", "APP_ENV", "development")));
    ServiceUnavailableException refused =
        assertThrows(
            ServiceUnavailableException.class, () -> fault.refuseIfSet("/api/conversations"));
    assertEquals(503, refused.status());
    assertEquals("release_fault", refused.code());
    assertDoesNotThrow(
        () -> fault.refuseIfSet("/health"), "liveness stays green, as in a broken release");
    assertDoesNotThrow(() -> fault.refuseIfSet("/health/database"));
  }

  @Test
  void refusedOutsideDevelopmentAndForUnknownValues() {
    assertThrows(
        ConfigurationException.class,
        () ->
            ReleaseFault.from(
                Settings.of(Map.of("RELEASE_FAULT", "api-503", "APP_ENV", "production"))));
    assertThrows(
        ConfigurationException.class,
        () ->
            ReleaseFault.from(
                Settings.of(Map.of("RELEASE_FAULT", "everything", "APP_ENV", "development"))));
  }
}
