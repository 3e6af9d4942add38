package com.utalk.realtime.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What an event handler and an authenticator see when the client sent less than expected. */
class ArgsAndHandshakeTest {
  @Test
  void anEventWithoutArgumentsHasNone() {
    assertEquals(0, Args.EMPTY.size());
    assertTrue(Args.EMPTY.isEmpty());
    assertTrue(Args.EMPTY.get(0).isMissingNode());
    assertEquals(List.of(), Args.EMPTY.asList());
    assertEquals("[]", Args.EMPTY.toString());

    ArrayNode onlyTheName = TestJson.MAPPER.createArrayNode().add("event");
    Args none = new Args(onlyTheName, 1, TestJson.MAPPER);
    assertTrue(none.isEmpty());
    assertNull(none.text(0));
  }

  @Test
  void outOfRangeAndNullArgumentsReadAsAbsent() {
    ArrayNode array = TestJson.MAPPER.createArrayNode().add("event").addNull().add("x");
    Args args = new Args(array, 1, TestJson.MAPPER);
    assertTrue(args.get(-1).isMissingNode());
    assertNull(args.get(0, Map.class), "a JSON null is no value");
    assertNull(args.get(5, Map.class), "nor is a missing argument");
    assertEquals("x", args.get(1, String.class));
    assertEquals("[null, \"x\"]", args.toString());
  }

  @Test
  void handshakeWithoutAuthQueryOrHeaders() {
    Handshake bare = new Handshake(null, null, null, null, Transport.POLLING);
    assertEquals("{}", bare.auth().toString(), "the authenticator always gets an object");
    assertTrue(bare.token().isEmpty());
    assertNull(bare.query("token"));
    assertNull(bare.header("authorization"));
    assertEquals(List.of(), bare.headers("authorization"));
    assertEquals(Transport.POLLING, bare.transport());

    assertEquals("{}", Handshake.of(NullNode.instance, Map.of(), Map.of()).auth().toString());
    assertEquals(
        "{}", Handshake.of(MissingNode.getInstance(), Map.of(), Map.of()).auth().toString());
    Handshake numericToken =
        Handshake.of(TestJson.object().put("token", 42), Map.of("token", ""), Map.of());
    assertTrue(numericToken.token().isEmpty(), "a token is a non-empty text");
    Handshake emptyQueryValue =
        new Handshake(null, Map.of("token", List.of()), null, null, Transport.WEBSOCKET);
    assertNull(emptyQueryValue.query("token"));
    Handshake twoHeaders = Handshake.of(null, Map.of(), Map.of("X-Forwarded-For", "1.2.3.4"));
    assertEquals(List.of("1.2.3.4"), twoHeaders.headers("x-forwarded-for"));
  }

  @Test
  void disconnectReasonsAClientComesBackFrom() {
    assertTrue(DisconnectReason.TRANSPORT_CLOSE.clientReconnects());
    assertTrue(DisconnectReason.PING_TIMEOUT.clientReconnects());
    assertEquals(false, DisconnectReason.CLIENT_NAMESPACE_DISCONNECT.clientReconnects());
    assertEquals(false, DisconnectReason.SERVER_NAMESPACE_DISCONNECT.clientReconnects());
    assertEquals(
        "server namespace disconnect", DisconnectReason.SERVER_NAMESPACE_DISCONNECT.wireName());
  }

  @Test
  void aRefusalWithoutAMessageIsUnauthorized() {
    assertEquals("unauthorized", ((AuthResult.Rejected) AuthResult.reject(null)).message());
    assertEquals("unauthorized", ((AuthResult.Rejected) AuthResult.reject("  ")).message());
    assertEquals("banned", ((AuthResult.Rejected) AuthResult.reject("banned")).message());
  }
}
