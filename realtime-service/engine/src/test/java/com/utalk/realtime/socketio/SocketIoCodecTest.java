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
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.io.UncheckedIOException;
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

  @Test
  void rejectsTruncatedAndOutOfRangeHeaders() {
    for (String bad :
        List.of(
            "!", // below the lowest type digit
            "51", // attachment count without its '-'
            "61", // the same for a binary ack
            "6-[]", // binary ack without a count
            "51x[\"a\"]", // a count followed by something else than '-'
            "312", // an ack id and nothing after it
            "2/admin,12", // namespace and ack id, no payload
            "2 ", // only whitespace where the JSON goes
            "31{}", // an ack whose payload is not an array
            "61-[]", // a binary ack without an ack id
            "4", // connect_error without its payload
            "4[1]", // connect_error whose payload is neither an object nor a text
            "1/admin,\"x\"")) { // disconnect with a payload
      assertThrows(SocketIoCodec.ProtocolException.class, () -> decode(bad), bad);
    }
  }

  @Test
  void decodesBinaryAcksAndConnectErrors() throws Exception {
    SocketIoCodec.Packet binaryAck = decode("62-/admin,9[{\"_placeholder\":true,\"num\":1},2]");
    assertEquals(SocketIoCodec.BINARY_ACK, binaryAck.type());
    assertEquals("/admin", binaryAck.namespace());
    assertEquals(9, binaryAck.id());
    assertEquals(2, binaryAck.attachments());

    SocketIoCodec.Packet error = decode("4/admin,{\"message\":\"no\"}");
    assertEquals(SocketIoCodec.CONNECT_ERROR, error.type());
    assertEquals("no", error.data().path("message").asText());
    assertEquals("legacy", decode("4\"legacy\"").data().asText());

    // a namespace that runs to the end of the packet (no comma) is still a namespace
    assertEquals("/admin", decode("1/admin").namespace());
  }

  @Test
  void placeholdersMustNameAReceivedAttachment() throws Exception {
    List<byte[]> one = List.of(new byte[] {5});
    for (String placeholder :
        List.of(
            "{\"_placeholder\":true}",
            "{\"_placeholder\":true,\"num\":\"0\"}",
            "{\"_placeholder\":true,\"num\":-1}",
            "{\"_placeholder\":true,\"num\":1}")) {
      JsonNode data = decode("51-[\"b\"," + placeholder + "]").data();
      assertThrows(
          SocketIoCodec.ProtocolException.class, () -> CODEC.reconstruct(data, one), placeholder);
    }
    // "_placeholder": false is ordinary data, kept as sent beside the real attachment
    JsonNode data =
        CODEC.reconstruct(
            decode(
                    "51-[\"b\",{\"_placeholder\":false,\"num\":0},"
                        + "{\"name\":\"f\",\"file\":{\"_placeholder\":true,\"num\":0}}]")
                .data(),
            one);
    assertEquals("{\"_placeholder\":false,\"num\":0}", data.get(1).toString());
    assertEquals("f", data.get(2).path("name").asText());
    assertArrayEquals(new byte[] {5}, data.get(2).path("file").binaryValue());
  }

  @Test
  void findsBinaryInEveryContainerAnArgumentCanBe() {
    ObjectNode tree = TestJson.object();
    tree.putArray("parts").add("text").add(new byte[] {3});
    Object[] args = {
      java.nio.ByteBuffer.wrap(new byte[] {1}),
      BinaryNode.valueOf(new byte[] {2}),
      tree,
      List.of("a", new byte[] {4}),
      new Object[] {"b", new byte[] {5}},
      Map.of("k", List.of(Map.of("deep", new byte[] {6})))
    };
    OutboundPacket packet = CODEC.event("/admin", "all", 3, args);
    List<WebSocketFrame> frames = new ArrayList<>();
    packet.toFrames(frames::add);
    try {
      assertEquals(
          "456-/admin,3[\"all\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1},"
              + "{\"parts\":[\"text\",{\"_placeholder\":true,\"num\":2}]},"
              + "[\"a\",{\"_placeholder\":true,\"num\":3}],"
              + "[\"b\",{\"_placeholder\":true,\"num\":4}],"
              + "{\"k\":[{\"deep\":{\"_placeholder\":true,\"num\":5}}]}]",
          frames.get(0).content().toString(StandardCharsets.UTF_8));
      assertEquals(7, frames.size());
      for (int i = 1; i <= 6; i++) {
        assertArrayEquals(new byte[] {(byte) i}, ByteBufUtil.getBytes(frames.get(i).content()));
      }
      assertEquals(
          "[\"text\",\"Aw==\"]",
          tree.path("parts").toString(),
          "the tree given by the caller is left as it was");
    } finally {
      frames.forEach(WebSocketFrame::release);
    }
  }

  @Test
  void containersWithoutBytesAreSentAsPlainJson() {
    ObjectNode tree = TestJson.object();
    tree.putArray("list").add(1).addObject().put("x", "y");
    assertText(
        "42[\"plain\",{\"list\":[1,{\"x\":\"y\"}]},{\"k\":[1,2]},[\"a\",null],[\"b\"],null]",
        CODEC.event(
            Namespace.MAIN,
            "plain",
            -1,
            new Object[] {
              tree,
              Map.of("k", List.of(1, 2)),
              java.util.Arrays.asList("a", null),
              new Object[] {"b"},
              null
            }));
    // bytes nested deeper than the encoder looks are serialized by Jackson, as base64 text
    Object deep = new byte[] {1};
    for (int i = 0; i < 40; i++) {
      deep = List.of(deep);
    }
    OutboundPacket packet = CODEC.event(Namespace.MAIN, "deep", -1, new Object[] {deep});
    try {
      assertTrue(packet.singleFrame());
      assertTrue(packet.text().startsWith("42[\"deep\",[[[["), packet.text());
      assertTrue(packet.text().contains("\"AQ==\""), packet.text());
    } finally {
      packet.release();
    }
  }

  @Test
  void binaryAcksCarryTheirIdAfterTheAttachmentCount() {
    OutboundPacket ack =
        CODEC.ack("/admin", 8, new Object[] {Map.of("ok", true), new byte[] {1, 2}});
    List<WebSocketFrame> frames = new ArrayList<>();
    ack.toFrames(frames::add);
    try {
      assertEquals(
          "461-/admin,8[{\"ok\":true},{\"_placeholder\":true,\"num\":0}]",
          frames.get(0).content().toString(StandardCharsets.UTF_8));
      assertArrayEquals(new byte[] {1, 2}, ByteBufUtil.getBytes(frames.get(1).content()));
    } finally {
      frames.forEach(WebSocketFrame::release);
    }
  }

  @Test
  void anArgumentJacksonCannotSerializeFailsTheEmitNamingWhy() {
    Object[] unserializable = {new Object()};
    UncheckedIOException plain =
        assertThrows(
            UncheckedIOException.class, () -> CODEC.event(Namespace.MAIN, "e", -1, unserializable));
    assertEquals("could not serialize event arguments", plain.getMessage());
    UncheckedIOException besideBytes =
        assertThrows(
            UncheckedIOException.class,
            () -> CODEC.event(Namespace.MAIN, "e", -1, new Object[] {new byte[] {1}, new Object()}),
            "the same failure when an attachment goes with it");
    assertEquals("could not serialize event arguments", besideBytes.getMessage());
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
