package com.utalk.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.utalk.config.Settings;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The REALTIME_* settings as the instance reads them at start. */
class RealtimeSettingsTest {
  @Test
  void withoutAnInstanceIdTheRevisionNamesIt() {
    RealtimeSettings settings =
        RealtimeSettings.from(Settings.of(Map.of("K_REVISION", "utalk-realtime.00042_abc")));
    // usable in a Pub/Sub subscription id: the revision's other characters become '-'
    assertTrue(
        settings.instanceId().matches("utalk-realtime-00042-abc-[0-9a-f]{8}"),
        settings.instanceId());
    assertTrue(
        RealtimeSettings.from(Settings.of(Map.of())).instanceId().matches("local-[0-9a-f]{8}"));
  }

  @Test
  void originsAreAListWithBlanksIgnored() {
    RealtimeSettings settings =
        RealtimeSettings.from(
            Settings.of(
                Map.of(
                    "REALTIME_INSTANCE_ID",
                    "i-1",
                    "REALTIME_ALLOWED_ORIGINS",
                    " https://app.utalk.example , ,https://admin.utalk.example")));
    assertEquals("i-1", settings.instanceId());
    assertEquals(
        Set.of("https://app.utalk.example", "https://admin.utalk.example"),
        settings.allowedOrigins());
  }

  @Test
  void anEventBudgetThatAllowsNothingIsRefused() {
    for (Map<String, String> bad :
        java.util.List.of(
            Map.of("REALTIME_SOCKET_EVENTS_PER_SECOND", "0"),
            Map.of("REALTIME_SOCKET_EVENT_BURST", "0"))) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> RealtimeSettings.from(Settings.of(bad)));
      assertEquals(
          "a socket event budget needs a positive rate and a burst of at least 1", e.getMessage());
    }
  }
}
