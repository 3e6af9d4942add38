package com.utalk.realtime.socketio;


import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Socket.IO protocol on top of the Engine.IO sessions: CONNECT and authentication, routing of
 * EVENT/ACK packets to the connected socket, binary attachment reassembly, DISCONNECT. Only the
 * main namespace "/" exists; anything sent by a client that is not (yet) connected is dropped.
 */
final class SocketIoLayer {
  private static final EngineLog LOG = EngineLog.get(SocketIoLayer.class);

  private final SocketServer server;
  private final Authenticator authenticator;
  private final AtomicLong dropped = new AtomicLong();

  SocketIoLayer(SocketServer server, Authenticator authenticator) {
    this.server = server;
    this.authenticator = authenticator;
  }

  /** The data of an Engine.IO text message (after the '4'). */
  void onMessage(EngineSession session, ByteBuf data) {
    SocketIoCodec.Packet packet;
    try {
      packet = server.codec().decode(data);
    } catch (SocketIoCodec.ProtocolException e) {
      protocolError(session, e.getMessage());
      return;
    }
    if (packet.attachments() > 0) {
      synchronized (session) {
        if (session.pendingBinary != null) {
          packet = null;
        } else {
          session.pendingBinary = packet;
          session.pendingAttachments = new ArrayList<>(packet.attachments());
        }
      }
      if (packet == null) {
        protocolError(session, "binary packet while another is incomplete");
      }
      return;
    }
    handle(session, packet);
  }

  /** An Engine.IO binary message: the next attachment of the pending binary packet. */
  void onBinary(EngineSession session, ByteBuf data) {
    SocketIoCodec.Packet complete = null;
    boolean unexpected = false;
    synchronized (session) {
      if (session.pendingBinary == null) {
        unexpected = true;
      } else {
        session.pendingAttachments.add(ByteBufUtil.getBytes(data));
        if (session.pendingAttachments.size() == session.pendingBinary.attachments()) {
          complete = session.pendingBinary;
          try {
            complete = complete.withData(server.codec().reconstruct(complete.data(), session.pendingAttachments));
          } catch (SocketIoCodec.ProtocolException e) {
            unexpected = true;
          }
          session.pendingBinary = null;
          session.pendingAttachments = null;
        }
      }
    }
    if (unexpected) {
      protocolError(session, "unexpected binary data");
    } else if (complete != null) {
      handle(session, complete);
    }
  }

  private void handle(EngineSession session, SocketIoCodec.Packet packet) {
    int type = packet.type();
    if (type == SocketIoCodec.CONNECT) {
      connect(session, packet);
      return;
    }
    if (type == SocketIoCodec.CONNECT_ERROR) {
      protocolError(session, "connect_error from a client");
      return;
    }
    SocketImpl socket;
    synchronized (session) {
      socket = session.socket;
      if (socket != null && !socket.isConnected()) {
        socket = null;
      }
    }
    if (socket == null || !"/".equals(packet.namespace())) {
      // not connected (yet), refused, or another namespace: never reaches a handler
      dropped.incrementAndGet();
      if (LOG.isDebugEnabled()) {
        LOG.debug("dropped packet of a socket that is not connected", "type", type);
      }
      return;
    }
    switch (type) {
      case SocketIoCodec.EVENT, SocketIoCodec.BINARY_EVENT -> socket.onEvent(packet);
      case SocketIoCodec.ACK, SocketIoCodec.BINARY_ACK -> socket.onAck(packet);
      case SocketIoCodec.DISCONNECT -> socket.onClientDisconnect();
      default -> protocolError(session, "unexpected packet type");
    }
  }

  private void connect(EngineSession session, SocketIoCodec.Packet packet) {
    if (!"/".equals(packet.namespace())) {
      session.send(server.codec().connectError(packet.namespace(), "Invalid namespace"));
      return;
    }
    SocketImpl socket;
    Handshake handshake;
    boolean duplicate = false;
    synchronized (session) {
      if (!session.isOpen()) {
        return;
      }
      if (session.socket != null) {
        duplicate = true;
        socket = null;
        handshake = null;
      } else {
        socket = new SocketImpl(Ids.next(), session, server);
        session.socket = socket;
        handshake =
            new Handshake(
                packet.data(),
                session.handshakeQuery,
                session.handshakeHeaders,
                session.remoteAddress,
                session.initialTransport);
        session.handshakeQuery = null;
        session.handshakeHeaders = null;
      }
    }
    if (duplicate) {
      protocolError(session, "second CONNECT on one session");
      return;
    }
    CompletionStage<AuthResult> decision;
    try {
      decision = authenticator.authenticate(handshake);
      if (decision == null) {
        decision = CompletableFuture.failedFuture(new NullPointerException("authenticator returned null"));
      }
    } catch (Throwable t) {
      decision = CompletableFuture.failedFuture(t);
    }
    decision.whenComplete(socket::onAuthenticated);
  }

  /** Packets dropped because their socket was not connected (unauthenticated, refused, closed). */
  long droppedPackets() {
    return dropped.get();
  }

  void onSessionClosed(EngineSession session, DisconnectReason reason) {
    SocketImpl socket;
    synchronized (session) {
      socket = session.socket;
      session.handshakeHeaders = null;
      session.handshakeQuery = null;
      session.pendingBinary = null;
      session.pendingAttachments = null;
    }
    if (socket != null) {
      socket.onSessionClosed(reason);
    }
  }

  private void protocolError(EngineSession session, String why) {
    if (LOG.isDebugEnabled()) {
      LOG.debug("socket.io protocol error", "why", why);
    }
    session.close(DisconnectReason.PARSE_ERROR, false);
  }
}
