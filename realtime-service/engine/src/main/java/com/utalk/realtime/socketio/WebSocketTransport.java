package com.utalk.realtime.socketio;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.concurrent.ScheduledFuture;

/**
 * The WebSocket side of one Engine.IO session: the active WebSocket (once the session runs on one)
 * and the probe of an upgrade from polling in progress ({@code 2probe} / {@code 3probe}, then
 * {@code 5}).
 *
 * <p>Not thread-safe on its own: every method is called with the owning {@link EngineSession}'s
 * monitor held (one lock per session). Writes only enqueue on Netty's side when called off the
 * channel's event loop, so nothing here blocks.
 */
final class WebSocketTransport {
  static final ByteBuf PING_PROBE = EngineSession.constant("2probe");
  static final ByteBuf PONG_PROBE = EngineSession.constant("3probe");

  /** Where the probe of an upgrade is. */
  enum ProbeState {
    NONE,
    /** attached, {@code 2probe} not received yet */
    ATTACHED,
    /** answered {@code 3probe}: the client is pausing its polling and will send {@code 5} */
    PROBED
  }

  private Channel active;
  private Channel probe;
  private boolean probed;
  private ScheduledFuture<?> upgradeTimer;

  WebSocketTransport(Channel active) {
    this.active = active;
  }

  /** The session's WebSocket, or null while it still polls. */
  Channel active() {
    return active;
  }

  /**
   * Writes a packet to the active WebSocket (taking ownership); false, with the packet released,
   * when the channel's outbound buffer is over its high-water mark (a slow consumer).
   */
  boolean write(OutboundPacket packet) {
    Channel channel = active;
    if (!channel.isWritable()) {
      packet.release();
      return false;
    }
    if (packet.singleFrame()) {
      // one event-loop task instead of a write task and a flush task when called from another
      // thread (a broadcast from another loop, an ack from a worker): fan-out is mostly that
      packet.toFrames(frame -> channel.writeAndFlush(frame, channel.voidPromise()));
    } else {
      packet.toFrames(frame -> channel.write(frame, channel.voidPromise()));
      channel.flush();
    }
    return true;
  }

  /** Closes the active WebSocket with a close frame of {@code status}, if it is still up. */
  void closeActive(int status) {
    Channel channel = active;
    if (channel != null && channel.isActive()) {
      channel
          .writeAndFlush(new CloseWebSocketFrame(status, null))
          .addListener(ChannelFutureListener.CLOSE);
    }
  }

  boolean isActive(Channel channel) {
    return channel == active;
  }

  // ---- the probe of an upgrade

  ProbeState probeState() {
    return probe == null ? ProbeState.NONE : probed ? ProbeState.PROBED : ProbeState.ATTACHED;
  }

  boolean isProbe(Channel channel) {
    return channel == probe;
  }

  /**
   * Attaches {@code channel} as the probe, with the timer that aborts it (none may be attached).
   */
  void attachProbe(Channel channel, ScheduledFuture<?> timer) {
    probe = channel;
    probed = false;
    upgradeTimer = timer;
  }

  /** True (and answers {@code 3probe}) when {@code text} is the probe's {@code 2probe}. */
  boolean answerProbe(ByteBuf text) {
    if (probed || !ByteBufUtil.equals(text, PING_PROBE)) {
      return false;
    }
    probed = true;
    probe.writeAndFlush(new TextWebSocketFrame(PONG_PROBE.duplicate()));
    return true;
  }

  /** The upgrade completes: the probe becomes the active WebSocket. */
  void promoteProbe() {
    cancelUpgradeTimer();
    active = probe;
    probe = null;
    probed = false;
  }

  /**
   * The session closed while the client was switching to the probe and it has now sent {@code 5}:
   * close the probe with a "going away" frame, so the client sees a plain transport close.
   */
  void closeProbeAfterUpgrade() {
    Channel channel = probe;
    probe = null;
    channel
        .writeAndFlush(new CloseWebSocketFrame(1001, null))
        .addListener(ChannelFutureListener.CLOSE);
  }

  /** Drops the probe (timer, channel); nothing when there is none. */
  void abortProbe() {
    if (probe == null) {
      return;
    }
    cancelUpgradeTimer();
    Channel channel = probe;
    probe = null;
    probed = false;
    channel.close();
  }

  static boolean isUpgradePacket(ByteBuf text) {
    return text.readableBytes() == 1 && text.getByte(text.readerIndex()) == '5';
  }

  private void cancelUpgradeTimer() {
    if (upgradeTimer != null) {
      upgradeTimer.cancel(false);
      upgradeTimer = null;
    }
  }
}
