package com.utalk.realtime.socketio;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The Socket.IO v5 packet format (socket.io-protocol), on top of Engine.IO "message" packets:
 *
 * <pre>{@code <type>[<#attachments>-][<namespace>,][<ack id>][JSON payload]}</pre>
 *
 * Encoding writes straight into a pooled buffer, Engine.IO type digit '4' included, so the result
 * can be written to any number of connections as is.
 */
final class SocketIoCodec {
  static final int CONNECT = 0;
  static final int DISCONNECT = 1;
  static final int EVENT = 2;
  static final int ACK = 3;
  static final int CONNECT_ERROR = 4;
  static final int BINARY_EVENT = 5;
  static final int BINARY_ACK = 6;

  /** More attachments than this in one packet is treated as abuse. */
  static final int MAX_ATTACHMENTS = 64;

  /** The application's mapper: how event arguments (records, instants, …) become JSON. */
  private final ObjectMapper mapper;

  SocketIoCodec(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** A decoded packet; {@code id} is -1 when absent, {@code data} null when absent. */
  record Packet(int type, String namespace, int id, JsonNode data, int attachments) {
    Packet withData(JsonNode newData) {
      return new Packet(type, namespace, id, newData, 0);
    }
  }

  /** Malformed input: the connection is closed with "parse error". */
  static final class ProtocolException extends Exception {
    ProtocolException(String message) {
      super(message, null, false, false);
    }
  }

  // ---------------------------------------------------------------- decoding

  /** Decodes the payload of an Engine.IO message packet (the bytes after the '4'). */
  Packet decode(ByteBuf buf) throws ProtocolException {
    int i = buf.readerIndex();
    int end = buf.writerIndex();
    if (i >= end) {
      throw new ProtocolException("empty packet");
    }
    int type = buf.getByte(i++) - '0';
    if (type < CONNECT || type > BINARY_ACK) {
      throw new ProtocolException("unknown packet type");
    }
    int attachments = 0;
    if (type == BINARY_EVENT || type == BINARY_ACK) {
      int start = i;
      long count = 0;
      while (i < end && isDigit(buf.getByte(i))) {
        count = count * 10 + (buf.getByte(i) - '0');
        if (count > MAX_ATTACHMENTS) {
          throw new ProtocolException("too many attachments");
        }
        i++;
      }
      if (i == start || i >= end || buf.getByte(i) != '-') {
        throw new ProtocolException("illegal attachments");
      }
      attachments = (int) count;
      i++;
    }
    String namespace = "/";
    if (i < end && buf.getByte(i) == '/') {
      int start = i;
      while (i < end && buf.getByte(i) != ',') {
        i++;
      }
      namespace = buf.toString(start, i - start, StandardCharsets.UTF_8);
      if (i < end) {
        i++; // the comma
      }
    }
    int id = -1;
    if (i < end && isDigit(buf.getByte(i))) {
      long value = 0;
      while (i < end && isDigit(buf.getByte(i))) {
        value = value * 10 + (buf.getByte(i) - '0');
        if (value > Integer.MAX_VALUE) {
          throw new ProtocolException("ack id too large");
        }
        i++;
      }
      id = (int) value;
    }
    JsonNode data = null;
    if (i < end) {
      data = readJson(buf, i, end - i);
    }
    Packet packet = new Packet(type, namespace, id, data, attachments);
    validate(packet);
    return packet;
  }

  private JsonNode readJson(ByteBuf buf, int index, int length) throws ProtocolException {
    try {
      JsonParser parser;
      if (buf.hasArray()) {
        parser = mapper.createParser(buf.array(), buf.arrayOffset() + index, length);
      } else {
        InputStream in = new ByteBufInputStream(buf.slice(index, length));
        parser = mapper.createParser(in);
      }
      try (parser) {
        JsonNode node = mapper.readTree(parser);
        if (node == null) {
          throw new ProtocolException("invalid payload");
        }
        return node;
      }
    } catch (IOException e) {
      throw new ProtocolException("invalid JSON payload");
    }
  }

  private void validate(Packet p) throws ProtocolException {
    JsonNode data = p.data();
    boolean valid =
        switch (p.type()) {
          case CONNECT -> data == null || data.isObject();
          case DISCONNECT -> data == null;
          case CONNECT_ERROR -> data != null && (data.isObject() || data.isTextual());
          case EVENT, BINARY_EVENT ->
              data != null && data.isArray() && data.size() > 0 && data.get(0).isTextual();
          case ACK, BINARY_ACK -> data != null && data.isArray() && p.id() >= 0;
          default -> false;
        };
    if (!valid) {
      throw new ProtocolException("invalid payload for packet type " + p.type());
    }
  }

  /** Puts the received attachments in place of their {@code {"_placeholder":true,"num":n}}. */
  JsonNode reconstruct(JsonNode node, List<byte[]> attachments) throws ProtocolException {
    if (node.isObject()) {
      JsonNode placeholder = node.get("_placeholder");
      if (placeholder != null && placeholder.asBoolean(false)) {
        JsonNode num = node.get("num");
        if (num == null
            || !num.canConvertToInt()
            || num.intValue() < 0
            || num.intValue() >= attachments.size()) {
          throw new ProtocolException("illegal attachment placeholder");
        }
        return BinaryNode.valueOf(attachments.get(num.intValue()));
      }
      ObjectNode object = (ObjectNode) node;
      Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        JsonNode replaced = reconstruct(field.getValue(), attachments);
        if (replaced != field.getValue()) {
          field.setValue(replaced);
        }
      }
      return object;
    }
    if (node.isArray()) {
      ArrayNode array = (ArrayNode) node;
      for (int i = 0; i < array.size(); i++) {
        JsonNode element = array.get(i);
        JsonNode replaced = reconstruct(element, attachments);
        if (replaced != element) {
          array.set(i, replaced);
        }
      }
    }
    return node;
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }

  // ---------------------------------------------------------------- encoding

  /** {@code 42[event,...args]} (or a binary event when an argument holds bytes). */
  OutboundPacket event(String namespace, String event, int ackId, Object[] args) {
    if (containsBinary(args)) {
      ArrayNode array = JsonNodeFactory.instance.arrayNode(args.length + 1);
      array.add(event);
      return binary(BINARY_EVENT, namespace, ackId, array, args);
    }
    return plain(EVENT, namespace, ackId, event, args);
  }

  /** {@code 43<id>[...args]} (or a binary ack). */
  OutboundPacket ack(String namespace, int ackId, Object[] args) {
    if (containsBinary(args)) {
      return binary(
          BINARY_ACK, namespace, ackId, JsonNodeFactory.instance.arrayNode(args.length), args);
    }
    return plain(ACK, namespace, ackId, null, args);
  }

  /**
   * An EVENT ({@code event} first in the array) or an ACK ({@code event} null) without attachments.
   */
  private OutboundPacket plain(int type, String namespace, int ackId, String event, Object[] args) {
    ByteBuf buf = ByteBufAllocator.DEFAULT.directBuffer(64 + 16 * args.length);
    try {
      buf.writeByte('4').writeByte('0' + type);
      writeNamespace(buf, namespace);
      writeId(buf, ackId);
      try (JsonGenerator gen = generator(buf)) {
        gen.writeStartArray();
        if (event != null) {
          gen.writeString(event);
        }
        for (Object arg : args) {
          mapper.writeValue(gen, arg);
        }
        gen.writeEndArray();
      }
      return new OutboundPacket(buf);
    } catch (IOException | RuntimeException e) {
      buf.release();
      throw encodingFailure(e);
    }
  }

  OutboundPacket connect(String namespace, String socketId) {
    return connect(namespace, socketId, null);
  }

  /**
   * With {@code pid} (connection-state recovery on): the private id the client sends back to
   * recover.
   */
  OutboundPacket connect(String namespace, String socketId, String pid) {
    String data =
        "{\"sid\":\"" + socketId + "\"" + (pid == null ? "" : ",\"pid\":\"" + pid + "\"") + "}";
    return text("40" + prefix(namespace) + data);
  }

  OutboundPacket connectError(String namespace, String message) {
    ObjectNode data = JsonNodeFactory.instance.objectNode().put("message", message);
    return text("44" + prefix(namespace) + data);
  }

  OutboundPacket disconnect(String namespace) {
    return text("41" + prefix(namespace));
  }

  /** {@code "/admin,"} before the payload of a packet of another namespace than the main one. */
  private static String prefix(String namespace) {
    return Namespace.MAIN.equals(namespace) ? "" : namespace + ",";
  }

  private static void writeNamespace(ByteBuf buf, String namespace) {
    if (!Namespace.MAIN.equals(namespace)) {
      buf.writeCharSequence(namespace, StandardCharsets.UTF_8);
      buf.writeByte(',');
    }
  }

  OutboundPacket text(String text) {
    return new OutboundPacket(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
  }

  private OutboundPacket binary(
      int type, String namespace, int ackId, ArrayNode array, Object[] args) {
    List<ByteBuf> attachments = new ArrayList<>();
    ByteBuf buf = null;
    try {
      for (Object arg : args) {
        array.add(extractBinary(arg, attachments));
      }
      buf = ByteBufAllocator.DEFAULT.directBuffer(64);
      buf.writeByte('4').writeByte('0' + type);
      ByteBufUtil.writeAscii(buf, Integer.toString(attachments.size()));
      buf.writeByte('-');
      writeNamespace(buf, namespace);
      writeId(buf, ackId);
      try (JsonGenerator gen = generator(buf)) {
        mapper.writeTree(gen, array);
      }
      return new OutboundPacket(buf, attachments.toArray(new ByteBuf[0]));
    } catch (IOException | RuntimeException e) {
      if (buf != null) {
        buf.release();
      }
      attachments.forEach(ByteBuf::release);
      throw encodingFailure(e);
    }
  }

  /** Replaces binary values by placeholders, collecting the bytes. */
  private JsonNode extractBinary(Object value, List<ByteBuf> attachments) {
    if (value instanceof byte[] bytes) {
      return placeholder(Unpooled.wrappedBuffer(bytes), attachments);
    }
    if (value instanceof ByteBuffer buffer) {
      return placeholder(Unpooled.copiedBuffer(buffer.duplicate()), attachments);
    }
    if (value instanceof BinaryNode node) {
      return placeholder(Unpooled.wrappedBuffer(node.binaryValue()), attachments);
    }
    if (value instanceof JsonNode node && node.isContainerNode()) {
      JsonNode copy = node.deepCopy();
      return replaceBinaryNodes(copy, attachments);
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode object = JsonNodeFactory.instance.objectNode();
      map.forEach((k, v) -> object.set(String.valueOf(k), extractBinary(v, attachments)));
      return object;
    }
    if (value instanceof Collection<?> collection) {
      ArrayNode array = JsonNodeFactory.instance.arrayNode(collection.size());
      collection.forEach(v -> array.add(extractBinary(v, attachments)));
      return array;
    }
    if (value instanceof Object[] values) {
      ArrayNode array = JsonNodeFactory.instance.arrayNode(values.length);
      for (Object v : values) {
        array.add(extractBinary(v, attachments));
      }
      return array;
    }
    return mapper.valueToTree(value);
  }

  private JsonNode replaceBinaryNodes(JsonNode node, List<ByteBuf> attachments) {
    if (node.isBinary()) {
      return placeholder(Unpooled.wrappedBuffer(((BinaryNode) node).binaryValue()), attachments);
    }
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        field.setValue(replaceBinaryNodes(field.getValue(), attachments));
      }
    } else if (node.isArray()) {
      ArrayNode array = (ArrayNode) node;
      for (int i = 0; i < array.size(); i++) {
        array.set(i, replaceBinaryNodes(array.get(i), attachments));
      }
    }
    return node;
  }

  private JsonNode placeholder(ByteBuf bytes, List<ByteBuf> attachments) {
    ObjectNode placeholder = JsonNodeFactory.instance.objectNode();
    placeholder.put("_placeholder", true);
    placeholder.put("num", attachments.size());
    attachments.add(bytes);
    return placeholder;
  }

  /**
   * Whether binary values must be sent as attachments. Looks at the arguments, and inside Maps,
   * Collections, arrays and JSON trees; byte arrays inside other objects are serialized by Jackson
   * (as base64 strings).
   */
  boolean containsBinary(Object[] args) {
    for (Object arg : args) {
      if (isBinary(arg, 0)) {
        return true;
      }
    }
    return false;
  }

  private boolean isBinary(Object value, int depth) {
    if (value == null || depth > 32) {
      return false;
    }
    if (value instanceof byte[] || value instanceof ByteBuffer) {
      return true;
    }
    if (value instanceof JsonNode node) {
      if (node.isBinary()) {
        return true;
      }
      if (node.isContainerNode()) {
        for (JsonNode child : node) {
          if (isBinary(child, depth + 1)) {
            return true;
          }
        }
      }
      return false;
    }
    if (value instanceof Map<?, ?> map) {
      for (Object v : map.values()) {
        if (isBinary(v, depth + 1)) {
          return true;
        }
      }
      return false;
    }
    if (value instanceof Collection<?> collection) {
      for (Object v : collection) {
        if (isBinary(v, depth + 1)) {
          return true;
        }
      }
      return false;
    }
    if (value instanceof Object[] values) {
      for (Object v : values) {
        if (isBinary(v, depth + 1)) {
          return true;
        }
      }
    }
    return false;
  }

  private static void writeId(ByteBuf buf, int id) {
    if (id >= 0) {
      ByteBufUtil.writeAscii(buf, Integer.toString(id));
    }
  }

  private JsonGenerator generator(ByteBuf buf) throws IOException {
    OutputStream out = new ByteBufOutputStream(buf);
    JsonGenerator gen = mapper.getFactory().createGenerator(out, JsonEncoding.UTF8);
    gen.setCodec(mapper);
    return gen;
  }

  private RuntimeException encodingFailure(Exception e) {
    if (e instanceof IOException io) {
      return new UncheckedIOException("could not serialize event arguments", io);
    }
    // valueToTree (the arguments beside an attachment) wraps Jackson's IOException this way: the
    // caller sees the same failure as for a plain event
    if (e instanceof IllegalArgumentException && e.getCause() instanceof IOException io) {
      return new UncheckedIOException("could not serialize event arguments", io);
    }
    return (RuntimeException) e;
  }
}
