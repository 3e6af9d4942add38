package com.utalk.realtime.socketio;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.function.Consumer;

/**
 * One encoded Engine.IO packet ready for the wire: its text form (type digit included, e.g. {@code
 * 42["event",{}]}) and, for Socket.IO binary packets, the attachments that follow it. Owns one
 * reference of each buffer. A broadcast encodes once and hands each recipient a {@link
 * #retainedDuplicate()}, which shares the bytes. A raw Engine.IO binary message has no text part,
 * one attachment.
 */
final class OutboundPacket {
  private final ByteBuf text;
  private final ByteBuf[] attachments;

  OutboundPacket(ByteBuf text, ByteBuf[] attachments) {
    this.text = text;
    this.attachments = attachments;
  }

  OutboundPacket(ByteBuf text) {
    this(text, null);
  }

  OutboundPacket retainedDuplicate() {
    ByteBuf[] copies = null;
    if (attachments != null) {
      copies = new ByteBuf[attachments.length];
      for (int i = 0; i < attachments.length; i++) {
        copies[i] = attachments[i].retainedDuplicate();
      }
    }
    return new OutboundPacket(text == null ? null : text.retainedDuplicate(), copies);
  }

  int byteSize() {
    int size = text == null ? 0 : text.readableBytes();
    if (attachments != null) {
      for (ByteBuf attachment : attachments) {
        size += attachment.readableBytes();
      }
    }
    return size;
  }

  /** Hands the buffers, as WebSocket frames, to {@code sink}; ownership goes with them. */
  void toFrames(Consumer<WebSocketFrame> sink) {
    if (text != null) {
      sink.accept(new TextWebSocketFrame(text));
    }
    if (attachments != null) {
      for (ByteBuf attachment : attachments) {
        sink.accept(new BinaryWebSocketFrame(attachment));
      }
    }
  }

  /** True for a plain text packet: one WebSocket frame. */
  boolean singleFrame() {
    return (text == null ? 0 : 1) + (attachments == null ? 0 : attachments.length) == 1;
  }

  void release() {
    if (text != null) {
      text.release();
    }
    if (attachments != null) {
      for (ByteBuf attachment : attachments) {
        attachment.release();
      }
    }
  }

  /** The text form, for tests and debugging. */
  String text() {
    return text.toString(java.nio.charset.StandardCharsets.UTF_8);
  }
}
