package com.utalk.realtime.socketio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SocketIoCodecTest {
  private static final SocketIoCodec CODEC =
      new SocketIoCodec(
          TestJson.MAPPER
              .copy()
              .disable(
                  com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
              .setSerializationInclusion(
                  com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL));

  private static SocketIoCodec.Packet decode(String text) throws SocketIoCodec.ProtocolException {
    ByteBuf buf = Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    try {
      return CODEC.decode(buf);
    } finally {
      buf.release();
    }
  }

  @Test
  void decodesEveryPacketShape() throws Exception {
    SocketIoCodec.Packet connect = decode("0{\"token\":\"t\"}");
    assertEquals(SocketIoCodec.CONNECT, connect.type());
    assertEquals("/", connect.namespace());
    assertEquals("t", connect.data().path("token").asText());

    assertNull(decode("0").data());
    assertEquals("/admin", decode("0/admin,").namespace());
    assertEquals(SocketIoCodec.DISCONNECT, decode("1").type());

    SocketIoCodec.Packet event = decode("2[\"hello\",{\"a\":\"é\"}]");
    assertEquals(SocketIoCodec.EVENT, event.type());
    assertEquals(-1, event.id());
    assertEquals("é", event.data().get(1).path("a").asText());

    SocketIoCodec.Packet withAck = decode("2/admin,12[\"x\"]");
    assertEquals("/admin", withAck.namespace());
    assertEquals(12, withAck.id());

    SocketIoCodec.Packet ack = decode("37[]");
    assertEquals(SocketIoCodec.ACK, ack.type());
    assertEquals(7, ack.id());

    SocketIoCodec.Packet binary =
        decode("52-3[\"b\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
    assertEquals(SocketIoCodec.BINARY_EVENT, binary.type());
    assertEquals(2, binary.attachments());
    assertEquals(3, binary.id());
  }

  @Test
  void rejectsMalformedPackets() {
    for (String bad :
        List.of(
            "",
            "7",
            "x",
            "2",
            "2{}",
            "2[]",
            "2[1]",
            "3[]",
            "3{}",
            "1[]",
            "5-[\"a\"]",
            "5x-[\"a\"]",
            "599-[\"a\"]",
            "2[\"unterminated\"",
            "299999999999[\"a\"]",
            "0[1]")) {
      assertThrows(SocketIoCodec.ProtocolException.class, () -> decode(bad), bad);
    }
  }

  @Test
  void putsAttachmentsBackInPlace() throws Exception {
    SocketIoCodec.Packet binary =
        decode("51-[\"b\",{\"nested\":[{\"_placeholder\":true,\"num\":0}]}]");
    JsonNode data = CODEC.reconstruct(binary.data(), List.of(new byte[] {1, 2, 3}));
    assertArrayEquals(new byte[] {1, 2, 3}, data.get(1).path("nested").get(0).binaryValue());
    assertThrows(
        SocketIoCodec.ProtocolException.class,
        () ->
            CODEC.reconstruct(
                decode("51-[\"b\",{\"_placeholder\":true,\"num\":4}]").data(),
                List.of(new byte[0])));
  }

  record Message(String id, String text, String omitted) {}

  @Test
  void encodesEventsAndAcks() {
    OutboundPacket event =
        CODEC.event(
            Namespace.MAIN, "message", -1, new Object[] {new Message("m1", "hé", null), 3, "s"});
    assertEquals("42[\"message\",{\"id\":\"m1\",\"text\":\"hé\"},3,\"s\"]", event.text());
    event.release();

    OutboundPacket withAck = CODEC.event(Namespace.MAIN, "q", 15, new Object[] {Map.of("k", true)});
    assertEquals("4215[\"q\",{\"k\":true}]", withAck.text());
    withAck.release();

    OutboundPacket ack = CODEC.ack(Namespace.MAIN, 4, new Object[] {});
    assertEquals("434[]", ack.text());
    ack.release();

    OutboundPacket error = CODEC.connectError("/admin", "Invalid namespace");
    assertEquals("44/admin,{\"message\":\"Invalid namespace\"}", error.text());
    error.release();
  }

  @Test
  void packetsOfAnotherNamespaceNameItAfterTheTypeAndAttachments() throws Exception {
    assertText("42/admin,[\"e\",1]", CODEC.event("/admin", "e", -1, new Object[] {1}));
    assertText("42/admin,7[\"q\"]", CODEC.event("/admin", "q", 7, new Object[] {}));
    assertText("43/admin,4[true]", CODEC.ack("/admin", 4, new Object[] {true}));
    assertText("40/admin,{\"sid\":\"abc\"}", CODEC.connect("/admin", "abc"));
    assertText("41/admin,", CODEC.disconnect("/admin"));
    assertText("41", CODEC.disconnect(Namespace.MAIN));
    OutboundPacket binary = CODEC.event("/admin", "f", -1, new Object[] {new byte[] {1}});
    assertEquals("451-/admin,[\"f\",{\"_placeholder\":true,\"num\":0}]", binary.text());
    binary.release();
    SocketIoCodec.Packet decoded = decode("2/admin,[\"e\",1]");
    assertEquals("/admin", decoded.namespace());
  }

  private static void assertText(String expected, OutboundPacket packet) {
    try {
      assertEquals(expected, packet.text());
    } finally {
      packet.release();
    }
  }

  @Test
  void encodesBinaryArgumentsAsAttachments() {
    OutboundPacket packet =
        CODEC.event(
            Namespace.MAIN,
            "file",
            -1,
            new Object[] {"name", new byte[] {9, 8}, Map.of("thumb", new byte[] {7})});
    List<WebSocketFrame> frames = new ArrayList<>();
    packet.toFrames(frames::add);
    assertEquals(3, frames.size());
    assertEquals(
        "452-[\"file\",\"name\",{\"_placeholder\":true,\"num\":0},{\"thumb\":{\"_placeholder\":true,\"num\":1}}]",
        frames.get(0).content().toString(StandardCharsets.UTF_8));
    assertArrayEquals(new byte[] {9, 8}, ByteBufUtil.getBytes(frames.get(1).content()));
    assertArrayEquals(new byte[] {7}, ByteBufUtil.getBytes(frames.get(2).content()));
    frames.forEach(WebSocketFrame::release);
  }

  @Test
  void argsView() throws Exception {
    ArrayNode array =
        (ArrayNode) decode("2[\"e\",\"text\",{\"id\":\"m\",\"text\":\"t\"},5]").data();
    Args args = new Args(array, 1, TestJson.MAPPER);
    assertEquals(3, args.size());
    assertEquals("text", args.text(0));
    assertEquals(new Message("m", "t", null), args.get(1, Message.class));
    assertTrue(args.get(7).isMissingNode());
    assertNull(args.text(2));
    assertNull(args.bytes(0));
    assertFalse(args.isEmpty());
    assertThrows(IllegalArgumentException.class, () -> args.get(0, Message.class));
  }

  @Test
  void handshakeTokenFromAuthThenQuery() {
    Handshake fromAuth =
        Handshake.of(
            TestJson.object().put("token", "a"),
            Map.of("token", "q"),
            Map.of("X-Forwarded-For", "1.2.3.4"));
    assertEquals("a", fromAuth.token().orElseThrow());
    assertEquals("1.2.3.4", fromAuth.header("x-forwarded-for"));
    assertEquals("q", Handshake.of(null, Map.of("token", "q"), Map.of()).token().orElseThrow());
    assertTrue(
        Handshake.of(TestJson.object().put("token", ""), Map.of(), Map.of()).token().isEmpty());
    assertFalse(fromAuth.toString().contains("a\""), "never prints credentials");
  }

  @Test
  void aBroadcastDuplicateSharesTheBytes() {
    OutboundPacket packet = CODEC.event(Namespace.MAIN, "e", -1, new Object[] {"x".repeat(1000)});
    OutboundPacket copy = packet.retainedDuplicate();
    List<WebSocketFrame> a = new ArrayList<>();
    List<WebSocketFrame> b = new ArrayList<>();
    packet.toFrames(a::add);
    copy.toFrames(b::add);
    assertSame(root(a.get(0).content()), root(b.get(0).content()), "same bytes, not a copy");
    a.forEach(WebSocketFrame::release);
    assertEquals(1, b.get(0).content().refCnt());
    b.forEach(WebSocketFrame::release);
  }

  /**
   * The buffer that holds the bytes, under any duplicate and under the leak detector's wrapper
   * (which it puts around a sampled share of buffers, so a test must not depend on its absence).
   */
  private static ByteBuf root(ByteBuf buffer) {
    ByteBuf current = buffer;
    while (current.unwrap() != null) {
      current = current.unwrap();
    }
    return current;
  }
}
