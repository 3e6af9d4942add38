package com.utalk.realtime.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.utalk.config.ConfigurationException;
import com.utalk.config.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code REALTIME_PUBSUB_PULL}: how the instance pulls its subscription. */
class PullModeTest {
  private static Settings pull(String value) {
    return Settings.of(Map.of(PullMode.SETTING, value));
  }

  @Test
  void defaultsToLongPollOnTheEmulatorAndStreamingInTheCloud() {
    assertEquals(PullMode.LONG_POLL, PullMode.from(Settings.of(Map.of()), true));
    assertEquals(PullMode.STREAMING, PullMode.from(Settings.of(Map.of()), false));
  }

  @Test
  void anExplicitValueWinsWhateverItsCase() {
    assertEquals(PullMode.STREAMING, PullMode.from(pull("Streaming"), true));
    assertEquals(PullMode.LONG_POLL, PullMode.from(pull("LONG-POLL"), false));
  }

  @Test
  void anUnknownValueIsRefusedNamingTheSetting() {
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> PullMode.from(pull("push"), false));
    assertEquals("REALTIME_PUBSUB_PULL must be streaming or long-poll, got 'push'", e.getMessage());
  }
}
