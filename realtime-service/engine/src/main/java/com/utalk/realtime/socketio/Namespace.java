package com.utalk.realtime.socketio;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A Socket.IO namespace: the main one, {@value #MAIN} (what {@link SocketServer#onConnection} and
 * {@link SocketServer#to} address), or one made with {@link SocketServer#of}. Each has its own
 * {@link Authenticator}, connection and disconnection listeners and rooms; one client connection
 * (Engine.IO session) may hold a socket in several namespaces, and leaving one leaves the others
 * connected.
 */
public final class Namespace {
  public static final String MAIN = "/";
  private static final EngineLog LOG = EngineLog.get(Namespace.class);

  private final SocketServer server;
  private final String name;
  private final Authenticator authenticator;
  private final Rooms rooms = new Rooms();

  /** Null unless the server's config turns connection-state recovery on. */
  private final SessionRecovery recovery;

  private final List<Consumer<Socket>> connectionListeners = new CopyOnWriteArrayList<>();
  private final List<BiConsumer<Socket, DisconnectReason>> disconnectListeners =
      new CopyOnWriteArrayList<>();

  Namespace(SocketServer server, String name, Authenticator authenticator) {
    this.server = server;
    this.name = name;
    this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
    java.time.Duration recoverFor = server.config().connectionStateRecovery();
    this.recovery = recoverFor == null ? null : new SessionRecovery(recoverFor);
  }

  /**
   * A namespace name as clients send it: {@code /} followed by at least one character, no comma.
   */
  static String checkName(String name) {
    Objects.requireNonNull(name, "name");
    if (!name.startsWith("/") || name.length() < 2 || name.indexOf(',') >= 0) {
      throw new IllegalArgumentException(
          "a namespace is \"/\" followed by a name without commas: " + name);
    }
    return name;
  }

  public String name() {
    return name;
  }

  /**
   * Called with every socket this namespace's {@link Authenticator} accepted, before the client is
   * told.
   */
  public Namespace onConnection(Consumer<Socket> listener) {
    connectionListeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /**
   * Called once per accepted socket of this namespace when it disconnects (after the socket's own
   * listeners).
   */
  public Namespace onDisconnect(BiConsumer<Socket, DisconnectReason> listener) {
    disconnectListeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /**
   * Targets this namespace's sockets in {@code room}; chain {@code .to()} / {@code .except()}, then
   * emit.
   */
  public Broadcast to(String room) {
    return new Broadcast(this, List.of(Objects.requireNonNull(room, "room")), java.util.Set.of());
  }

  /** Rooms of this namespace with at least one member. */
  public int roomCount() {
    return rooms.count();
  }

  SocketServer server() {
    return server;
  }

  Authenticator authenticator() {
    return authenticator;
  }

  Rooms rooms() {
    return rooms;
  }

  SessionRecovery recovery() {
    return recovery;
  }

  void fireConnection(Socket socket) {
    for (Consumer<Socket> listener : connectionListeners) {
      try {
        listener.accept(socket);
      } catch (Throwable t) {
        LOG.error("connection listener failed", t, "socketId", socket.id(), "namespace", name);
      }
    }
  }

  void fireDisconnect(Socket socket, DisconnectReason reason) {
    for (BiConsumer<Socket, DisconnectReason> listener : disconnectListeners) {
      try {
        listener.accept(socket, reason);
      } catch (Throwable t) {
        LOG.error("disconnect listener failed", t, "socketId", socket.id(), "namespace", name);
      }
    }
  }
}
