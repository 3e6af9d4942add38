package com.utalk.realtime.socketio;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Socket.IO protocol on top of the Engine.IO sessions: CONNECT and authentication, routing of
 * EVENT/ACK packets to the socket of their namespace, binary attachment reassembly, DISCONNECT.
 * Anything sent on a namespace the client is not (yet) connected to is dropped.
 */
final class SocketIoLayer implements MessageLayer {
  private static final EngineLog LOG = EngineLog.get(SocketIoLayer.class);

  private final SocketServer server;
  private final AtomicLong dropped = new AtomicLong();

  SocketIoLayer(SocketServer server) {
    this.server = server;
  }

  @Override
  public boolean expectsConnect() {
    return true;
  }

  @Override
  public void onOpen(EngineSession session) {}

  @Override
  public void onMessage(EngineSession session, ByteBuf data) {
    SocketIoCodec.Packet packet;
    try {
      packet = server.codec().decode(data);
    } catch (SocketIoCodec.ProtocolException e) {
      protocolError(session, e.getMessage());
      return;
    }
    if (packet.attachments() > 0) {
      synchronized (session) {
        if (session.socketIo.pendingBinary != null) {
          packet = null;
        } else {
          session.socketIo.pendingBinary = packet;
          session.socketIo.pendingAttachments = new ArrayList<>(packet.attachments());
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
  @Override
  public void onBinary(EngineSession session, ByteBuf data) {
    SocketIoCodec.Packet complete = null;
    boolean unexpected = false;
    synchronized (session) {
      if (session.socketIo.pendingBinary == null) {
        unexpected = true;
      } else {
        session.socketIo.pendingAttachments.add(ByteBufUtil.getBytes(data));
        if (session.socketIo.pendingAttachments.size()
            == session.socketIo.pendingBinary.attachments()) {
          complete = session.socketIo.pendingBinary;
          try {
            complete =
                complete.withData(
                    server
                        .codec()
                        .reconstruct(complete.data(), session.socketIo.pendingAttachments));
          } catch (SocketIoCodec.ProtocolException e) {
            unexpected = true;
          }
          session.socketIo.pendingBinary = null;
          session.socketIo.pendingAttachments = null;
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
      socket = session.socketIo.socket(packet.namespace());
      if (socket != null && !socket.isConnected()) {
        socket = null;
      }
    }
    if (socket == null) {
      // not connected (yet) to that namespace, or refused: never reaches a handler
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
    Namespace namespace = server.namespace(packet.namespace());
    if (namespace == null) {
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
      if (session.socketIo.socket(namespace.name()) != null) {
        duplicate = true;
        socket = null;
        handshake = null;
      } else {
        socket = newSocket(session, namespace, packet.data());
        session.socketIo.attach(socket);
        handshake =
            new Handshake(
                packet.data(),
                session.socketIo.handshakeQuery,
                session.socketIo.handshakeHeaders,
                session.remoteAddress,
                session.initialTransport);
        if (!server.hasOtherNamespaces()) {
          // a few hundred bytes per connection, needed again only by another namespace's CONNECT
          session.socketIo.handshakeQuery = null;
          session.socketIo.handshakeHeaders = null;
        }
      }
    }
    if (duplicate) {
      protocolError(session, "second CONNECT to one namespace on one session");
      return;
    }
    CompletionStage<AuthResult> decision;
    try {
      decision = namespace.authenticator().authenticate(handshake);
      if (decision == null) {
        decision =
            CompletableFuture.failedFuture(new NullPointerException("authenticator returned null"));
      }
    } catch (Throwable t) {
      decision = CompletableFuture.failedFuture(t);
    }
    decision.whenComplete(socket::onAuthenticated);
  }

  /**
   * A new socket, or the one connection-state recovery gives back when the CONNECT carries the
   * private id and last offset of a socket this namespace still remembers.
   */
  private static SocketImpl newSocket(
      EngineSession session, Namespace namespace, com.fasterxml.jackson.databind.JsonNode auth) {
    SessionRecovery recovery = namespace.recovery();
    if (recovery != null
        && auth != null
        && auth.path("pid").isTextual()
        && auth.path("offset").isTextual()) {
      SessionRecovery.Restored restored =
          recovery.restore(auth.path("pid").textValue(), auth.path("offset").textValue());
      if (restored != null) {
        return new SocketImpl(restored.sid(), session, namespace, restored.pid(), restored);
      }
    }
    return new SocketImpl(Ids.next(), session, namespace);
  }

  /** Packets dropped because their socket was not connected (unauthenticated, refused, closed). */
  long droppedPackets() {
    return dropped.get();
  }

  @Override
  public void onSessionClosed(EngineSession session, DisconnectReason reason) {
    List<SocketImpl> sockets;
    synchronized (session) {
      sockets = session.socketIo.sockets();
      session.socketIo.clear();
    }
    for (SocketImpl socket : sockets) {
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
