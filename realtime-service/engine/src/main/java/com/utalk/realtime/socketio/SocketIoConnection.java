package com.utalk.realtime.socketio;

import io.netty.handler.codec.http.HttpHeaders;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Socket.IO side of one Engine.IO session: its socket per namespace, the first request's
 * headers and query (for the handshakes), and a binary packet whose attachments are still arriving.
 * Guarded by the session's monitor, like the rest of the session: one lock per client.
 */
final class SocketIoConnection {
  HttpHeaders handshakeHeaders;
  Map<String, List<String>> handshakeQuery;

  /**
   * The socket on the main namespace; the others' are in {@link #otherSockets}, made on first use.
   */
  private SocketImpl mainSocket;

  private Map<String, SocketImpl> otherSockets;
  SocketIoCodec.Packet pendingBinary;
  List<byte[]> pendingAttachments;

  SocketIoConnection(HttpHeaders headers, Map<String, List<String>> query) {
    this.handshakeHeaders = headers;
    this.handshakeQuery = query;
  }

  /** The socket on {@code namespace}, or null. */
  SocketImpl socket(String namespace) {
    if (Namespace.MAIN.equals(namespace)) {
      return mainSocket;
    }
    return otherSockets == null ? null : otherSockets.get(namespace);
  }

  /** Adds the socket of a CONNECT; the caller has checked there is none on its namespace. */
  void attach(SocketImpl connecting) {
    String namespace = connecting.namespace().name();
    if (Namespace.MAIN.equals(namespace)) {
      mainSocket = connecting;
    } else {
      if (otherSockets == null) {
        otherSockets = new HashMap<>(4);
      }
      otherSockets.put(namespace, connecting);
    }
  }

  /** Removes a socket that left its namespace; true when no socket is left. */
  boolean detach(SocketImpl leaving) {
    if (mainSocket == leaving) {
      mainSocket = null;
    } else if (otherSockets != null) {
      otherSockets.remove(leaving.namespace().name(), leaving);
    }
    return mainSocket == null && (otherSockets == null || otherSockets.isEmpty());
  }

  List<SocketImpl> sockets() {
    if (otherSockets == null || otherSockets.isEmpty()) {
      return mainSocket == null ? List.of() : List.of(mainSocket);
    }
    List<SocketImpl> all = new ArrayList<>(otherSockets.size() + 1);
    if (mainSocket != null) {
      all.add(mainSocket);
    }
    all.addAll(otherSockets.values());
    return all;
  }

  /** The session closed: nothing of the handshake or a half-received packet is kept. */
  void clear() {
    handshakeHeaders = null;
    handshakeQuery = null;
    pendingBinary = null;
    pendingAttachments = null;
  }
}
