package com.utalk.realtime.socketio;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One Engine.IO v4 session: its state (open, closing, removed), which transport carries it, the
 * heartbeat and the connect timer, and the close sequence. The transports are their own classes
 * along the protocol's seams: {@link PollingTransport} (the parked GET, the POST, the queue for the
 * next GET), {@link WebSocketTransport} (the active WebSocket and the probe of an upgrade), and the
 * Socket.IO state is {@link SocketIoConnection}.
 *
 * <p>Threading: every field below, and the state of the two transports and of the Socket.IO
 * connection, is guarded by the session's monitor (one lock per session). Methods that take it
 * never call application code, and never block (Netty writes only enqueue when called off the
 * channel's event loop). Session timers run on {@link #loop()}, the event loop of the connection
 * that created the session (moved to the WebSocket's loop after an upgrade).
 *
 * <p>Upgrade (the part that gets stuck in other implementations): once the probe WebSocket has
 * answered {@code 2probe} with {@code 3probe}, every long-poll GET — the one parked now, or one
 * still on its way — is answered at once (with queued packets, or a {@code 6} noop), so the
 * client's polling transport can pause and send {@code 5} over the WebSocket.
 */
final class EngineSession implements EngineConnection {
  private static final EngineLog LOG = EngineLog.get(EngineSession.class);

  /** How long a session the client closed waits for a GET that was already on its way. */
  private static final long CLIENT_CLOSE_GRACE_MS = 1_000;

  private static final ByteBuf PING = constant("2");
  private static final ByteBuf NOOP = constant("6");
  private static final ByteBuf CLOSE = constant("1");

  final String sid;
  final SocketServer server;
  final InetSocketAddress remoteAddress;
  final Transport initialTransport;
  private volatile EventLoop loop;

  private final Runnable pingTask = this::ping;
  private final Runnable pingTimeoutTask = this::pingTimedOut;

  // ---- guarded by this
  private boolean open = true;
  private boolean removed;
  private Transport transport;
  private final WebSocketTransport websocket;

  /**
   * Null for a session that never polled, and once it upgraded (a late GET is refused before it is
   * read).
   */
  private PollingTransport polling;

  private ScheduledFuture<?> heartbeat;
  private boolean awaitingPong;

  /** The client sent the close packet: a GET still arriving gets a noop, not a close packet. */
  private boolean closedByClient;

  private ScheduledFuture<?> connectTimer;

  /** The Socket.IO state of this session, guarded by this; null on a raw Engine.IO server. */
  final SocketIoConnection socketIo;

  EngineSession(
      String sid,
      SocketServer server,
      Channel channel,
      Transport transport,
      HttpHeaders headers,
      Map<String, List<String>> query) {
    this.sid = sid;
    this.server = server;
    this.loop = channel.eventLoop();
    this.remoteAddress = channel.remoteAddress() instanceof InetSocketAddress a ? a : null;
    this.transport = transport;
    this.initialTransport = transport;
    this.socketIo = server.layer().expectsConnect() ? new SocketIoConnection(headers, query) : null;
    this.websocket = new WebSocketTransport(transport == Transport.WEBSOCKET ? channel : null);
    this.polling = transport == Transport.POLLING ? new PollingTransport() : null;
  }

  /** Sends the open packet and starts the timers; the session must already be registered. */
  void start() {
    SocketServerConfig config = server.config();
    String open =
        "0{\"sid\":\""
            + sid
            + "\",\"upgrades\":"
            + (initialTransport == Transport.POLLING ? "[\"websocket\"]" : "[]")
            + ",\"pingInterval\":"
            + config.pingInterval().toMillis()
            + ",\"pingTimeout\":"
            + config.pingTimeout().toMillis()
            + ",\"maxPayload\":"
            + config.maxPayload()
            + "}";
    synchronized (this) {
      sendLocked(new OutboundPacket(Unpooled.copiedBuffer(open, StandardCharsets.US_ASCII)));
      heartbeat = loop.schedule(pingTask, config.pingInterval().toMillis(), TimeUnit.MILLISECONDS);
      if (server.layer().expectsConnect()) {
        connectTimer =
            loop.schedule(
                this::connectTimedOut, config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
      }
    }
  }

  EventLoop loop() {
    return loop;
  }

  synchronized boolean isOpen() {
    return open;
  }

  @Override
  public synchronized Transport transport() {
    return transport;
  }

  // ------------------------------------------------------------------ EngineConnection (raw
  // Engine.IO)

  @Override
  public String id() {
    return sid;
  }

  @Override
  public InetSocketAddress remoteAddress() {
    return remoteAddress;
  }

  @Override
  public void send(String message) {
    ByteBuf text = Unpooled.buffer(1 + message.length());
    text.writeByte('4');
    text.writeCharSequence(message, StandardCharsets.UTF_8);
    send(new OutboundPacket(text));
  }

  @Override
  public void send(byte[] message) {
    send(new OutboundPacket(null, new ByteBuf[] {Unpooled.wrappedBuffer(message)}));
  }

  @Override
  public void close() {
    close(DisconnectReason.SERVER_NAMESPACE_DISCONNECT, true);
  }

  synchronized void cancelConnectTimer() {
    if (connectTimer != null) {
      connectTimer.cancel(false);
      connectTimer = null;
    }
  }

  // ------------------------------------------------------------------ sending

  /** Sends a packet (taking ownership of it); dropped when the session is closed. */
  void send(OutboundPacket packet) {
    synchronized (this) {
      sendLocked(packet);
    }
  }

  /**
   * Sends a last packet and closes, so a polling client gets both in one response (e.g. {@code
   * 44{"message":"unauthorized"}\u001e1}).
   */
  void sendThenClose(OutboundPacket packet, DisconnectReason reason) {
    synchronized (this) {
      sendLocked(packet, false);
    }
    close(reason, true);
  }

  /**
   * Sends a one-frame packet, then runs {@code afterWrite} on the event loop in the turn after it
   * has been written to the connection (WebSocket), or right away when polling (the next GET
   * carries it with whatever follows). Caller holds the monitor.
   */
  void sendLockedThen(OutboundPacket packet, Runnable afterWrite) {
    Channel channel = transport == Transport.WEBSOCKET ? websocket.active() : null;
    if (!open || channel == null || !channel.isWritable() || !packet.singleFrame()) {
      sendLocked(packet);
      loop.execute(afterWrite);
      return;
    }
    // Node's transport takes the next packets in a later turn of its event loop, once the write's
    // callback ran; the same here: the next turn after the write completed, not the same one.
    packet.toFrames(
        frame ->
            channel
                .writeAndFlush(frame)
                .addListener(written -> loop.schedule(afterWrite, 0, TimeUnit.NANOSECONDS)));
  }

  /** Caller holds the monitor. Never calls out; a slow consumer is closed asynchronously. */
  void sendLocked(OutboundPacket packet) {
    sendLocked(packet, true);
  }

  private void sendLocked(OutboundPacket packet, boolean flushPoll) {
    if (!open) {
      packet.release();
      return;
    }
    if (transport == Transport.WEBSOCKET) {
      if (!websocket.write(packet)) {
        closeLater(DisconnectReason.TRANSPORT_ERROR, "slow consumer");
      }
      return;
    }
    if (!polling.enqueue(packet, server.config().maxBufferedBytes())) {
      closeLater(DisconnectReason.TRANSPORT_ERROR, "slow consumer");
      return;
    }
    if (flushPoll && polling.isParked()) {
      answerPollLocked();
    }
  }

  private void closeLater(DisconnectReason reason, String why) {
    LOG.warn("closing engine.io session", "reason", reason.wireName(), "why", why);
    loop.execute(() -> close(reason, false));
  }

  // ------------------------------------------------------------------ long-polling

  /** A GET: parks it until there is something to send (or answers it at once). */
  void onPollGet(Channel channel, boolean keepAlive, String origin) {
    boolean overlap;
    synchronized (this) {
      if (transport != Transport.POLLING) {
        // a late request after the upgrade: refused, the session lives on
        HttpResponses.engineError(channel, EngineError.BAD_REQUEST, keepAlive, origin);
        return;
      }
      overlap = !polling.park(channel, keepAlive, origin);
      if (!overlap
          && (!open
              || websocket.probeState() == WebSocketTransport.ProbeState.PROBED
              || polling.hasQueued())) {
        answerPollLocked();
      }
    }
    if (overlap) {
      HttpResponses.engineError(channel, EngineError.BAD_REQUEST, keepAlive, origin);
      close(DisconnectReason.TRANSPORT_ERROR, false);
    }
  }

  /**
   * Answers the parked GET with everything queued (a noop when nothing is, or the close packet).
   */
  private void answerPollLocked() {
    ByteBuf whenEmpty = (open || closedByClient ? NOOP : CLOSE).duplicate();
    if (!open) {
      removeLocked(); // the close packet is in this response: gone before the client can see it
    }
    polling.answer(whenEmpty);
  }

  /** A POST: decodes and handles its packets, then answers "ok". */
  void onPollPost(Channel channel, ByteBuf body, boolean keepAlive, String origin) {
    boolean overlap;
    synchronized (this) {
      if (transport == Transport.POLLING && !open && !removed) {
        // Closing, waiting for the client's next GET to collect what is queued (a connect_error,
        // the close packet). A POST the client sent meanwhile is answered "ok" and its packets are
        // dropped, as the Node server does: a 400 here would reach the client as "xhr post error"
        // and could overtake the connect_error it is about to read.
        HttpResponses.ok(channel, keepAlive, origin);
        return;
      }
      if (transport != Transport.POLLING || !open) {
        HttpResponses.engineError(channel, EngineError.BAD_REQUEST, keepAlive, origin);
        return;
      }
      overlap = !polling.beginPost();
    }
    if (overlap) {
      HttpResponses.engineError(channel, EngineError.BAD_REQUEST, keepAlive, origin);
      close(DisconnectReason.TRANSPORT_ERROR, false);
      return;
    }
    boolean ok = false;
    try {
      ok = PollingTransport.decode(body, postedPackets);
    } finally {
      synchronized (this) {
        if (polling != null) {
          polling.endPost();
        }
      }
    }
    if (ok) {
      HttpResponses.ok(channel, keepAlive, origin);
    } else {
      HttpResponses.engineError(channel, EngineError.BAD_REQUEST, keepAlive, origin);
      close(DisconnectReason.PARSE_ERROR, false);
    }
  }

  /** Where a POST's packets go: handled like the WebSocket's, outside the monitor. */
  private final PollingTransport.PacketSink postedPackets =
      new PollingTransport.PacketSink() {
        @Override
        public boolean text(ByteBuf packet) {
          return onTextPacket(packet);
        }

        @Override
        public void binary(ByteBuf data) {
          server.layer().onBinary(EngineSession.this, data);
        }

        @Override
        public boolean stillOpen() {
          return isOpen();
        }
      };

  /** The connection that carried the parked GET went away: the client is gone. */
  void onPollChannelClosed(Channel channel) {
    boolean wasParked;
    synchronized (this) {
      wasParked = polling != null && polling.unpark(channel);
    }
    if (wasParked) {
      close(DisconnectReason.TRANSPORT_ERROR, false);
    }
  }

  synchronized boolean isParkedOn(Channel channel) {
    return polling != null && polling.isParkedOn(channel);
  }

  // ------------------------------------------------------------------ packets (both transports)

  /** One text Engine.IO packet from the active transport; false when malformed. */
  boolean onTextPacket(ByteBuf packet) {
    if (!packet.isReadable()) {
      return false;
    }
    int type = packet.getByte(packet.readerIndex()) - '0';
    switch (type) {
      case 4 ->
          server
              .layer()
              .onMessage(this, packet.slice(packet.readerIndex() + 1, packet.readableBytes() - 1));
      case 3 -> onPong();
      case 1 -> close(DisconnectReason.TRANSPORT_CLOSE, false);
      case 2, 5, 6 -> {
        // ping from a client (Engine.IO v3 direction), stray upgrade or noop: nothing to do
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  /** A binary Engine.IO message from the active WebSocket. */
  void onBinaryPacket(ByteBuf data) {
    server.layer().onBinary(this, data);
  }

  // ------------------------------------------------------------------ WebSocket

  /** A WebSocket for an existing polling session: becomes the probe. False if not allowed now. */
  boolean attachProbe(Channel channel) {
    synchronized (this) {
      if (!open
          || transport != Transport.POLLING
          || websocket.probeState() != WebSocketTransport.ProbeState.NONE) {
        return false;
      }
      long timeout = server.config().upgradeTimeout().toMillis();
      websocket.attachProbe(
          channel, loop.schedule(() -> abortProbe(channel), timeout, TimeUnit.MILLISECONDS));
      return true;
    }
  }

  /**
   * A text frame on the probe WebSocket. Returns true once the upgrade is complete (the channel is
   * then the session's transport).
   */
  boolean onProbeFrame(Channel channel, ByteBuf text) {
    synchronized (this) {
      boolean isProbe = websocket.isProbe(channel);
      if (isProbe
          && !open
          && websocket.probeState() == WebSocketTransport.ProbeState.PROBED
          && WebSocketTransport.isUpgradePacket(text)) {
        // closed during the upgrade (see close): the client switched to this WebSocket, so
        // close it here and the client sees a plain "transport close"
        websocket.closeProbeAfterUpgrade();
        return false;
      }
      if (!isProbe || !open) {
        channel.close();
        return false;
      }
      if (websocket.answerProbe(text)) {
        if (polling.isParked()) {
          answerPollLocked(); // the parked GET returns, so the client can pause polling
        }
        return false;
      }
      if (websocket.probeState() == WebSocketTransport.ProbeState.PROBED
          && WebSocketTransport.isUpgradePacket(text)) {
        completeUpgradeLocked(channel);
        return true;
      }
      websocket.abortProbe();
      return false;
    }
  }

  private void completeUpgradeLocked(Channel channel) {
    websocket.promoteProbe();
    polling.answerNoop(NOOP.duplicate());
    transport = Transport.WEBSOCKET;
    loop = channel.eventLoop();
    polling.moveQueueTo(channel);
    polling = null;
    channel.flush();
  }

  private void abortProbe(Channel channel) {
    synchronized (this) {
      if (websocket.isProbe(channel)) {
        websocket.abortProbe();
      }
    }
  }

  /** A WebSocket (the transport or a probe) closed. */
  void onWebSocketClosed(Channel channel) {
    boolean transportClosed;
    synchronized (this) {
      if (websocket.isProbe(channel)) {
        websocket.abortProbe();
        return;
      }
      transportClosed = websocket.isActive(channel) && open;
    }
    if (transportClosed) {
      close(DisconnectReason.TRANSPORT_CLOSE, false);
    }
  }

  // ------------------------------------------------------------------ heartbeat

  private void ping() {
    synchronized (this) {
      if (!open) {
        return;
      }
      awaitingPong = true;
      sendLocked(new OutboundPacket(PING.duplicate()));
      heartbeat =
          loop.schedule(
              pingTimeoutTask, server.config().pingTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void pingTimedOut() {
    boolean timedOut;
    synchronized (this) {
      timedOut = open && awaitingPong;
    }
    if (timedOut) {
      close(DisconnectReason.PING_TIMEOUT, false);
    }
  }

  private void onPong() {
    synchronized (this) {
      if (!awaitingPong || !open) {
        return;
      }
      awaitingPong = false;
      if (heartbeat != null) {
        heartbeat.cancel(false);
      }
      heartbeat =
          loop.schedule(pingTask, server.config().pingInterval().toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void connectTimedOut() {
    boolean connected;
    synchronized (this) {
      connectTimer = null;
      connected = false;
      for (SocketImpl each : socketIo.sockets()) {
        connected |= each.isConnectedOrConnecting();
      }
    }
    if (!connected) {
      close(DisconnectReason.NOT_CONNECTED, true);
    }
  }

  /** A socket left its namespace; true when the session holds no socket any more. */
  synchronized boolean detach(SocketImpl leaving) {
    return socketIo.detach(leaving);
  }

  // ------------------------------------------------------------------ closing

  /**
   * Closes the session (idempotent). With {@code notifyClient}, the client is told (WebSocket close
   * frame, or a {@code 1} close packet answered to its next GET), after whatever is still queued —
   * e.g. a connect_error. Then the Socket.IO layer is told, outside the monitor.
   */
  void close(DisconnectReason reason, boolean notifyClient) {
    synchronized (this) {
      if (!open) {
        return;
      }
      open = false;
      cancelTimersLocked();
      if (notifyClient && websocket.probeState() == WebSocketTransport.ProbeState.PROBED) {
        // The client got 3probe and is pausing its polling: it will not poll again, and if the
        // probe vanished now engine.io-client would stay paused until its ping timeout. Let it
        // finish the upgrade on the probe (bounded by the upgrade timer) and close it there. A
        // parked GET still gets the close packet below.
      } else {
        websocket.abortProbe();
      }
      if (transport == Transport.WEBSOCKET) {
        removeLocked(); // before the client can see the close
        websocket.closeActive(reason == DisconnectReason.SERVER_SHUTTING_DOWN ? 1001 : 1000);
      } else if (reason == DisconnectReason.TRANSPORT_CLOSE) {
        // The client sent the close packet: it is not told again. Its GET is answered with a noop,
        // as engine.io does: the one parked now, or one still on its way (the client may send the
        // close while a GET is in flight, and on another connection, so on another I/O thread, it
        // can arrive second); the session is gone once that GET is answered, or after a grace.
        polling.releaseQueue();
        closedByClient = true;
        if (polling.isParked()) {
          answerPollLocked();
        } else {
          loop.schedule(this::expire, CLIENT_CLOSE_GRACE_MS, TimeUnit.MILLISECONDS);
        }
      } else {
        polling.enqueueClose(CLOSE.duplicate());
        if (polling.isParked()) {
          answerPollLocked();
        } else if (notifyClient) {
          // keep the session (and its queue) until the client's next GET collects it
          long grace = Math.min(server.config().pingTimeout().toMillis(), 10_000);
          loop.schedule(this::expire, grace, TimeUnit.MILLISECONDS);
        } else {
          polling.releaseQueue();
          removeLocked();
        }
      }
    }
    if (LOG.isDebugEnabled()) {
      LOG.debug("engine.io session closed", "reason", reason.wireName());
    }
    server.layer().onSessionClosed(this, reason);
  }

  private void expire() {
    synchronized (this) {
      releaseQueueLocked();
      removeLocked();
    }
  }

  private void cancelTimersLocked() {
    if (heartbeat != null) {
      heartbeat.cancel(false);
      heartbeat = null;
    }
    if (connectTimer != null) {
      connectTimer.cancel(false);
      connectTimer = null;
    }
  }

  private void releaseQueueLocked() {
    if (polling != null) {
      polling.releaseQueue();
    }
  }

  private void removeLocked() {
    if (!removed) {
      removed = true;
      server.removeSession(this);
    }
  }

  /** Drops everything without telling anyone (the server's event loops are going away). */
  void destroy() {
    synchronized (this) {
      releaseQueueLocked();
      removeLocked();
    }
  }

  static ByteBuf constant(String text) {
    return Unpooled.unreleasableBuffer(
        Unpooled.directBuffer(text.length())
            .writeBytes(text.getBytes(StandardCharsets.US_ASCII))
            .asReadOnly());
  }
}
