package com.utalk.realtime.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** A misconfigured server fails at build time, naming the setting, instead of misbehaving later. */
class SocketServerConfigTest {
  @Test
  void eachBadValueIsRefusedNamingTheSetting() {
    Map<String, UnaryOperator<SocketServerConfig.Builder>> bad = new java.util.LinkedHashMap<>();
    bad.put("path must start and end with '/': socket.io/", b -> b.path("socket.io/"));
    bad.put("path must start and end with '/': /socket.io", b -> b.path("/socket.io"));
    bad.put("port out of range: -1", b -> b.port(-1));
    bad.put("port out of range: 65536", b -> b.port(65536));
    bad.put("pingInterval must be positive", b -> b.pingInterval(Duration.ZERO));
    bad.put("pingTimeout must be positive", b -> b.pingTimeout(Duration.ofSeconds(-1)));
    bad.put("connectTimeout must be positive", b -> b.connectTimeout(null));
    bad.put("upgradeTimeout must be positive", b -> b.upgradeTimeout(Duration.ZERO));
    bad.put("maxPayload too small: 1023", b -> b.maxPayload(1023));
    bad.put("ioThreads must be >= 0", b -> b.ioThreads(-1));
    bad.put(
        "maxBufferedBytes must be >= maxPayload", b -> b.maxPayload(4096).maxBufferedBytes(4095));
    bad.put(
        "connectionStateRecovery must be positive", b -> b.connectionStateRecovery(Duration.ZERO));
    bad.forEach(
        (message, change) -> {
          IllegalArgumentException e =
              assertThrows(
                  IllegalArgumentException.class,
                  () -> change.apply(SocketServerConfig.builder()).build(),
                  message);
          assertEquals(message, e.getMessage());
        });
    NullPointerException noHost =
        assertThrows(
            NullPointerException.class, () -> SocketServerConfig.builder().host(null).build());
    assertEquals("host", noHost.getMessage());
  }

  @Test
  void toBuilderKeepsEverySettingAndTheEdgesOfTheRangesAreAccepted() {
    SocketServerConfig config =
        SocketServerConfig.builder()
            .host("127.0.0.1")
            .port(65535)
            .path("/rt/")
            .maxPayload(1024)
            .maxBufferedBytes(1024)
            .allowedOrigins(Set.of("https://a.test"))
            .connectionStateRecovery(Duration.ofMinutes(2))
            .build();
    assertEquals(config, config.toBuilder().build());
    assertEquals(0, config.toBuilder().port(0).build().port(), "0 picks a free port");
  }

  @Test
  void originsAreCheckedAgainstTheListOrAllowedByAWildcardOrAnEmptyList() {
    SocketServerConfig listed =
        SocketServerConfig.builder().allowedOrigins(Set.of("https://app.test")).build();
    assertTrue(listed.originAllowed("https://app.test"));
    assertFalse(listed.originAllowed("https://evil.test"));
    SocketServerConfig wildcard =
        listed.toBuilder().allowedOrigins(Set.of("https://app.test", "*")).build();
    assertTrue(wildcard.originAllowed("https://evil.test"));
    assertTrue(SocketServerConfig.builder().build().originAllowed("https://any.test"));
  }
}
