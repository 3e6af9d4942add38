package com.utalk.realtime.socketio;

import java.net.InetSocketAddress;
import java.security.Principal;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One authenticated client connection on the main namespace "/". Every method is thread-safe.
 * Handed to {@link SocketServer#onConnection} listeners, which register the event handlers.
 */
public interface Socket {
  /** The public Socket.IO id (not the Engine.IO session id, which is a secret). */
  String id();

  /** What the {@link Authenticator} accepted. */
  Principal principal();

  /** The principal as the application's own type. */
  <T extends Principal> T principal(Class<T> type);

  InetSocketAddress remoteAddress();

  /** The transport currently in use (changes from polling to WebSocket on upgrade). */
  Transport transport();

  /** False once disconnected; emits to a disconnected socket are dropped. */
  boolean connected();

  /**
   * True when this socket is a recovered one (connection-state recovery on, the client came back
   * within the time allowed): same id and rooms as before, and the broadcasts it missed were sent
   * to it right after the CONNECT.
   */
  boolean recovered();

  /**
   * Handles the client's {@code socket.emit(event, ...)}; replaces any previous handler of that
   * event. Register in the connection listener so no event is missed. Unhandled events are dropped.
   */
  Socket on(String event, EventHandler handler);

  /** Runs once when this socket disconnects, after its last event handler. */
  Socket onDisconnect(Consumer<DisconnectReason> listener);

  /** Sends an event to this client. Arguments are serialized with the project's JSON mapper. */
  void emit(String event, Object... args);

  /**
   * Sends an event whose last argument on the client is a callback. The future completes with the
   * callback's arguments, or fails with {@link java.util.concurrent.TimeoutException} after {@code
   * timeout}, or with {@link java.util.concurrent.CancellationException} if the socket disconnects
   * first.
   */
  CompletableFuture<Args> emitWithAck(Duration timeout, String event, Object... args);

  /** Adds this socket to a room (see {@link SocketServer#to}). No effect once disconnected. */
  void join(String room);

  void leave(String room);

  /** A snapshot of the rooms this socket is in. */
  Set<String> rooms();

  /**
   * Disconnects from the server side: the client gets a Socket.IO DISCONNECT (reason "io server
   * disconnect") and does not reconnect by itself. Then the connection is closed.
   */
  void disconnect();
}
