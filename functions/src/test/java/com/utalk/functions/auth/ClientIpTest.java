package com.utalk.functions.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ClientIpTest {
  @Test
  void theClientIsCountedFromTheRightSoAPrefixedHeaderCannotSpoofIt() {
    assertEquals("203.0.113.7", ClientIp.from("203.0.113.7", 1));
    assertEquals("203.0.113.7", ClientIp.from("6.6.6.6, 203.0.113.7", 1));
    assertEquals(
        "203.0.113.7",
        ClientIp.from("6.6.6.6, 203.0.113.7, 35.191.0.1", 2),
        "behind the load balancer");
    assertEquals(
        "203.0.113.7", ClientIp.from("203.0.113.7", 2), "fewer hops than configured: the leftmost");
    assertEquals("unknown", ClientIp.from(null, 1));
    assertEquals("unknown", ClientIp.from(" , ", 1));
  }
}
