package com.utalk.realtime.socketio;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.base64.Base64;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.ArrayDeque;

/**
 * The long-polling side of one Engine.IO session: the parked GET, the POST in progress, and the
 * packets queued for the next GET (Engine.IO v4 payloads: packets joined by the record separator,
 * binary ones as {@code b<base64>}).
 *
 * <p>Not thread-safe on its own: every method is called with the owning {@link EngineSession}'s
 * monitor held (one lock per session), and none calls out to application code. Created only for
 * sessions that poll (or that close with a packet still to collect), so a WebSocket-only session
 * does not carry it.
 */
final class PollingTransport {
  static final byte SEPARATOR = 0x1e;

  private Channel parked;
  private boolean keepAlive;
  private String origin;
  private boolean posting;
  private ArrayDeque<WebSocketFrame> queue;
  private long queuedBytes;

  /** Parks a GET; false when one is parked already (two GETs at once break the protocol). */
  boolean park(Channel channel, boolean keepAlive, String origin) {
    if (parked != null) {
      return false;
    }
    this.parked = channel;
    this.keepAlive = keepAlive;
    this.origin = origin;
    return true;
  }

  boolean isParked() {
    return parked != null;
  }

  boolean isParkedOn(Channel channel) {
    return parked == channel;
  }

  /**
   * Forgets the parked GET if it is {@code channel}'s (its connection went away); true if it was.
   */
  boolean unpark(Channel channel) {
    if (parked != channel) {
      return false;
    }
    parked = null;
    return true;
  }

  /**
   * Answers the parked GET with everything queued, or with {@code whenEmpty} (a noop or a close
   * packet).
   */
  void answer(ByteBuf whenEmpty) {
    Channel channel = parked;
    parked = null;
    ByteBuf body = drain(channel, whenEmpty);
    HttpResponses.polling(channel, body, keepAlive, origin);
    origin = null;
  }

  /** Answers the parked GET (if any) with a noop, leaving the queue alone (an upgrade moves it). */
  void answerNoop(ByteBuf noop) {
    if (parked != null) {
      Channel channel = parked;
      parked = null;
      HttpResponses.polling(channel, noop, keepAlive, origin);
      origin = null;
    }
  }

  /**
   * Queues a packet for the next GET (taking ownership); false, with the packet released, when the
   * queue would exceed {@code maxBytes} (a client that stopped polling).
   */
  boolean enqueue(OutboundPacket packet, long maxBytes) {
    queuedBytes += packet.byteSize();
    if (queuedBytes > maxBytes) {
      packet.release();
      return false;
    }
    if (queue == null) {
      queue = new ArrayDeque<>(4);
    }
    packet.toFrames(queue::add);
    return true;
  }

  /** Queues the close packet, past the size limit: it is the last thing the client reads. */
  void enqueueClose(ByteBuf close) {
    if (queue == null) {
      queue = new ArrayDeque<>(1);
    }
    queue.add(new TextWebSocketFrame(close));
  }

  boolean hasQueued() {
    return queue != null && !queue.isEmpty();
  }

  /**
   * Writes what is queued to the WebSocket the session upgraded to, in order (the caller flushes).
   */
  void moveQueueTo(Channel ws) {
    if (queue != null) {
      WebSocketFrame frame;
      while ((frame = queue.poll()) != null) {
        ws.write(frame, ws.voidPromise());
      }
      queue = null;
      queuedBytes = 0;
    }
  }

  void releaseQueue() {
    if (queue != null) {
      queue.forEach(WebSocketFrame::release);
      queue = null;
      queuedBytes = 0;
    }
  }

  /** Marks a POST in progress; false when one already is (overlapping POSTs break the protocol). */
  boolean beginPost() {
    if (posting) {
      return false;
    }
    posting = true;
    return true;
  }

  void endPost() {
    posting = false;
  }

  private ByteBuf drain(Channel channel, ByteBuf whenEmpty) {
    if (queue == null || queue.isEmpty()) {
      return whenEmpty;
    }
    int count = queue.size();
    if (count == 1 && queue.peek() instanceof TextWebSocketFrame) {
      queuedBytes = 0;
      whenEmpty.release();
      return queue.poll().content();
    }
    CompositeByteBuf body = channel.alloc().compositeBuffer(count * 2);
    boolean first = true;
    WebSocketFrame frame;
    while ((frame = queue.poll()) != null) {
      if (!first) {
        body.addComponent(true, Unpooled.wrappedBuffer(new byte[] {SEPARATOR}));
      }
      first = false;
      if (frame instanceof TextWebSocketFrame) {
        body.addComponent(true, frame.content());
      } else {
        ByteBuf encoded = Base64.encode(frame.content(), false);
        frame.release();
        body.addComponent(true, Unpooled.wrappedBuffer(new byte[] {'b'}));
        body.addComponent(true, encoded);
      }
    }
    queuedBytes = 0;
    whenEmpty.release();
    return body;
  }

  /** Receives the packets of a POST body, one at a time; false stops the decoding. */
  interface PacketSink {
    /** A text packet; false when malformed. */
    boolean text(ByteBuf packet);

    /** A binary packet (decoded from base64; released by the caller afterwards). */
    void binary(ByteBuf data);

    /** False once the session closed: the rest of the payload is not handled. */
    boolean stillOpen();
  }

  /** Splits a POST payload on the record separator; false on a malformed packet. */
  static boolean decode(ByteBuf body, PacketSink sink) {
    int start = body.readerIndex();
    int end = body.writerIndex();
    while (start < end) {
      int separator = body.indexOf(start, end, SEPARATOR);
      int packetEnd = separator < 0 ? end : separator;
      if (packetEnd > start) {
        ByteBuf packet = body.slice(start, packetEnd - start);
        boolean handled;
        if (packet.getByte(packet.readerIndex()) == 'b') {
          ByteBuf binary;
          try {
            binary =
                Base64.decode(packet.slice(packet.readerIndex() + 1, packet.readableBytes() - 1));
          } catch (IllegalArgumentException e) {
            return false;
          }
          try {
            sink.binary(binary);
            handled = true;
          } finally {
            binary.release();
          }
        } else {
          handled = sink.text(packet);
        }
        if (!handled || !sink.stillOpen()) {
          return handled;
        }
      }
      if (separator < 0) {
        break;
      }
      start = separator + 1;
    }
    return true;
  }
}
