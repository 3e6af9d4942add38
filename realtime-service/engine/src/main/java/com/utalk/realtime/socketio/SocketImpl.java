package com.utalk.realtime.socketio;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.netty.util.collection.IntObjectHashMap;
import java.net.InetSocketAddress;
import java.security.Principal;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The Socket.IO socket of one engine session on namespace "/".
 *
 * <p>State ({@link #phase}, rooms, pending acks, buffered emits) is guarded by the engine session's
 * monitor. Application callbacks go through a per-socket mailbox (guarded by this object's own
 * monitor) so that they run one at a time and in order, either inline on the I/O thread that read
 * the packet or on the configured handler executor; the mailbox is never entered while the session
 * monitor is held by a caller that could run a callback inline.
 */
final class SocketImpl implements Socket {
  private static final EngineLog LOG = EngineLog.get(SocketImpl.class);
  private static final Set<String> RESERVED =
      Set.of(
          "connect",
          "connect_error",
          "disconnect",
          "disconnecting",
          "newListener",
          "removeListener");
  private static final int DRAIN_BUDGET = 64;

  static final int AUTHENTICATING = 0;
  static final int CONNECTING = 1;
  static final int CONNECTED = 2;
  static final int REFUSED = 3;
  static final int DISCONNECTED = 4;

  private final String id;
  private final EngineSession session;
  private final SocketServer server;
  private final Namespace namespace;

  /** The private id of connection-state recovery; null when it is off. */
  private final String pid;

  /**
   * What recovery gives back (rooms, missed broadcasts) until the socket is connected; then null.
   */
  private SessionRecovery.Restored restored;

  private final boolean recovered;

  // ---- guarded by session
  private int phase = AUTHENTICATING;
  private Principal principal;
  private List<OutboundPacket> preConnect;
  private boolean disconnectAfterConnect;
  private Set<String> rooms;
  private IntObjectHashMap<CompletableFuture<Args>> acks;
  private int nextAckId;
  private List<Consumer<DisconnectReason>> disconnectListeners;

  /** Copy-on-write; read without locking on every event. */
  private volatile Map<String, EventHandler> handlers = Map.of();

  // ---- guarded by this (the mailbox)
  private ArrayDeque<Runnable> mailbox;
  private boolean draining;

  SocketImpl(String id, EngineSession session, Namespace namespace) {
    this(id, session, namespace, namespace.recovery() == null ? null : Ids.next(), null);
  }

  /** A socket given back by connection-state recovery ({@code restored} not null) or a new one. */
  SocketImpl(
      String id,
      EngineSession session,
      Namespace namespace,
      String pid,
      SessionRecovery.Restored restored) {
    this.id = id;
    this.session = session;
    this.namespace = namespace;
    this.server = namespace.server();
    this.pid = pid;
    this.restored = restored;
    this.recovered = restored != null;
  }

  Namespace namespace() {
    return namespace;
  }

  // ================================================================ public API

  @Override
  public String id() {
    return id;
  }

  @Override
  public Principal principal() {
    synchronized (session) {
      return principal;
    }
  }

  @Override
  public <T extends Principal> T principal(Class<T> type) {
    return type.cast(principal());
  }

  @Override
  public InetSocketAddress remoteAddress() {
    return session.remoteAddress;
  }

  @Override
  public Transport transport() {
    return session.transport();
  }

  @Override
  public boolean recovered() {
    return recovered;
  }

  @Override
  public boolean connected() {
    synchronized (session) {
      return phase == CONNECTED || phase == CONNECTING;
    }
  }

  @Override
  public Socket on(String event, EventHandler handler) {
    Objects.requireNonNull(handler, "handler");
    if (RESERVED.contains(event)) {
      throw new IllegalArgumentException("'" + event + "' is reserved; use onDisconnect");
    }
    synchronized (session) {
      Map<String, EventHandler> copy = new HashMap<>(handlers);
      copy.put(event, handler);
      // a HashMap, published once and never modified: Map.copyOf's probing showed in ack profiles
      handlers = copy;
    }
    return this;
  }

  @Override
  public Socket onDisconnect(Consumer<DisconnectReason> listener) {
    Objects.requireNonNull(listener, "listener");
    synchronized (session) {
      if (disconnectListeners == null) {
        disconnectListeners = new ArrayList<>(2);
      }
      disconnectListeners.add(listener);
    }
    return this;
  }

  @Override
  public void emit(String event, Object... args) {
    checkEventName(event);
    deliver(server.codec().event(namespace.name(), event, -1, args));
  }

  @Override
  public CompletableFuture<Args> emitWithAck(Duration timeout, String event, Object... args) {
    checkEventName(event);
    Objects.requireNonNull(timeout, "timeout");
    CompletableFuture<Args> future = new CompletableFuture<>();
    int ackId;
    synchronized (session) {
      if (phase != CONNECTED && phase != CONNECTING) {
        future.completeExceptionally(new CancellationException("socket is disconnected"));
        return future;
      }
      ackId = nextAckId++;
      if (nextAckId < 0) {
        nextAckId = 0;
      }
      if (acks == null) {
        acks = new IntObjectHashMap<>(4);
      }
      acks.put(ackId, future);
    }
    OutboundPacket packet;
    try {
      packet = server.codec().event(namespace.name(), event, ackId, args);
    } catch (RuntimeException e) {
      removeAck(ackId);
      throw e;
    }
    ScheduledFuture<?> timer =
        session
            .loop()
            .schedule(
                () -> {
                  if (removeAck(ackId) != null) {
                    future.completeExceptionally(
                        new TimeoutException(
                            "no ack for '" + event + "' within " + timeout.toMillis() + " ms"));
                  }
                },
                timeout.toMillis(),
                TimeUnit.MILLISECONDS);
    future.whenComplete((result, error) -> timer.cancel(false));
    deliver(packet);
    return future;
  }

  @Override
  public void join(String room) {
    Objects.requireNonNull(room, "room");
    synchronized (session) {
      if (phase != CONNECTED && phase != CONNECTING) {
        return;
      }
      if (rooms == null) {
        rooms = new HashSet<>(4);
      }
      if (rooms.add(room)) {
        namespace.rooms().join(room, this);
      }
    }
  }

  @Override
  public void leave(String room) {
    synchronized (session) {
      if (rooms != null && rooms.remove(room)) {
        namespace.rooms().leave(room, this);
      }
    }
  }

  @Override
  public Set<String> rooms() {
    synchronized (session) {
      return rooms == null ? Set.of() : Set.copyOf(rooms);
    }
  }

  @Override
  public void disconnect() {
    synchronized (session) {
      if (phase == CONNECTING) {
        // still in the connection listeners: CONNECT goes out first, then DISCONNECT
        preConnect.add(server.codec().disconnect(namespace.name()));
        disconnectAfterConnect = true;
        return;
      }
      if (phase != CONNECTED) {
        return;
      }
      session.sendLocked(server.codec().disconnect(namespace.name()));
    }
    leaveNamespace(DisconnectReason.SERVER_NAMESPACE_DISCONNECT);
  }

  @Override
  public String toString() {
    return "Socket[" + id + "]";
  }

  // ================================================================ engine side

  /** Queues a packet for this client (taking ownership); false when it was dropped. */
  boolean deliver(OutboundPacket packet) {
    synchronized (session) {
      if (phase == CONNECTED) {
        session.sendLocked(packet);
        return true;
      }
      if (phase == CONNECTING) {
        preConnect.add(packet);
        return true;
      }
    }
    packet.release();
    return false;
  }

  boolean isConnectedOrConnecting() {
    // caller holds the session monitor
    return phase == CONNECTED || phase == CONNECTING;
  }

  boolean isConnected() {
    // caller holds the session monitor
    return phase == CONNECTED;
  }

  /** The outcome of the Authenticator; any thread. */
  void onAuthenticated(AuthResult result, Throwable error) {
    if (error != null || result == null) {
      Throwable cause =
          error instanceof CompletionException && error.getCause() != null
              ? error.getCause()
              : error;
      LOG.error("authenticator failed", cause, "socketId", id);
      refuse("server error");
      return;
    }
    if (result instanceof AuthResult.Rejected rejected) {
      refuse(rejected.message());
      return;
    }
    Principal accepted = ((AuthResult.Accepted) result).principal();
    synchronized (session) {
      if (phase != AUTHENTICATING || !session.isOpen()) {
        return;
      }
      principal = accepted;
      phase = CONNECTING;
      preConnect = new ArrayList<>(2);
    }
    session.cancelConnectTimer();
    server.connectionOpened();
    dispatch(this::connectionPhase);
  }

  private void connectionPhase() {
    SessionRecovery.Restored back;
    synchronized (session) {
      back = restored;
    }
    if (back != null) {
      back.rooms().forEach(this::join); // before the listeners, which see the socket as it was
    }
    namespace.fireConnection(this);
    synchronized (session) {
      if (phase != CONNECTING) {
        return; // closed while the listeners ran
      }
      OutboundPacket connect = server.codec().connect(namespace.name(), id, pid);
      if (restored != null) {
        // what it missed goes first, in the order it was broadcast, then what the listeners emitted
        preConnect.addAll(0, restored.missed());
        restored = null;
      }
      if (!preConnect.isEmpty()) {
        // What the listeners emitted goes out once the CONNECT has been written on its own, as
        // from the Node server (its transport takes the next packets after the write completes):
        // a client that handles its messages one by one sees the CONNECT first, alone. Until then
        // new emits queue behind it.
        session.sendLockedThen(connect, this::releaseAfterConnect);
        return;
      }
      session.sendLocked(connect);
    }
    releaseAfterConnect();
  }

  private void releaseAfterConnect() {
    boolean disconnect;
    synchronized (session) {
      if (phase != CONNECTING) {
        return;
      }
      phase = CONNECTED;
      for (OutboundPacket packet : preConnect) {
        session.sendLocked(packet);
      }
      preConnect = null;
      disconnect = disconnectAfterConnect;
    }
    if (disconnect) {
      leaveNamespace(DisconnectReason.SERVER_NAMESPACE_DISCONNECT);
    }
  }

  /**
   * This socket leaves its namespace (the client's DISCONNECT or {@link #disconnect()}); the
   * Engine.IO session stays open for the client's other namespaces. A server-side disconnect of the
   * last socket of a session also closes the session: the client does not reconnect after "io
   * server disconnect", so nothing would use it again.
   */
  private void leaveNamespace(DisconnectReason reason) {
    boolean last = session.detach(this);
    onSessionClosed(reason);
    if (last && reason == DisconnectReason.SERVER_NAMESPACE_DISCONNECT) {
      session.close(reason, true);
    }
  }

  private void refuse(String message) {
    synchronized (session) {
      if (phase != AUTHENTICATING) {
        return;
      }
      phase = REFUSED;
      if (restored != null) {
        restored.release(); // refused again: what it missed is not sent
        restored = null;
      }
    }
    LOG.info(
        "socket.io connection refused",
        "reason",
        message,
        "transport",
        session.initialTransport.wireName(),
        "namespace",
        namespace.name());
    if (Namespace.MAIN.equals(namespace.name())) {
      session.sendThenClose(
          server.codec().connectError(namespace.name(), message), DisconnectReason.NOT_CONNECTED);
    } else {
      // the client's other namespaces go on; it may try this one again
      session.detach(this);
      session.send(server.codec().connectError(namespace.name(), message));
    }
  }

  /** An EVENT / BINARY_EVENT from the client (only called when connected). */
  void onEvent(SocketIoCodec.Packet packet) {
    ArrayNode data = (ArrayNode) packet.data();
    String event = data.get(0).textValue();
    EventHandler handler = handlers.get(event);
    if (handler == null) {
      if (LOG.isDebugEnabled()) {
        LOG.debug("no handler for event", "event", event, "socketId", id);
      }
      return;
    }
    Args args = new Args(data, 1, server.config().objectMapper());
    Ack ack = packet.id() >= 0 ? new ClientAck(this, packet.id()) : Ack.NONE;
    dispatch(
        () -> {
          try {
            handler.onEvent(args, ack);
          } catch (Throwable t) {
            LOG.error("event handler failed", t, "event", event, "socketId", id);
          }
        });
  }

  /** An ACK / BINARY_ACK from the client. */
  void onAck(SocketIoCodec.Packet packet) {
    CompletableFuture<Args> future = removeAck(packet.id());
    if (future != null) {
      Args args = new Args((ArrayNode) packet.data(), 0, server.config().objectMapper());
      dispatch(() -> future.complete(args));
    }
  }

  void onClientDisconnect() {
    leaveNamespace(DisconnectReason.CLIENT_NAMESPACE_DISCONNECT);
  }

  /**
   * The engine session closed, or this socket left its namespace: leave rooms, fail acks, tell the
   * listeners (once).
   */
  void onSessionClosed(DisconnectReason reason) {
    boolean wasConnected;
    IntObjectHashMap<CompletableFuture<Args>> pending;
    List<Consumer<DisconnectReason>> listeners;
    synchronized (session) {
      if (phase == DISCONNECTED) {
        return;
      }
      wasConnected = phase == CONNECTING || phase == CONNECTED;
      phase = DISCONNECTED;
      if (restored != null) {
        restored.release();
        restored = null;
      }
      if (wasConnected && pid != null && recoverable(reason)) {
        namespace.recovery().persist(id, pid, rooms == null ? Set.of() : rooms);
      }
      if (preConnect != null) {
        preConnect.forEach(OutboundPacket::release);
        preConnect = null;
      }
      if (rooms != null) {
        for (String room : rooms) {
          namespace.rooms().leave(room, this);
        }
        rooms = null;
      }
      pending = acks;
      acks = null;
      listeners = disconnectListeners;
      disconnectListeners = null;
    }
    if (!wasConnected) {
      return;
    }
    server.connectionClosed();
    dispatch(
        () -> {
          if (pending != null) {
            pending
                .values()
                .forEach(
                    f -> f.completeExceptionally(new CancellationException("socket disconnected")));
          }
          if (listeners != null) {
            for (Consumer<DisconnectReason> listener : listeners) {
              try {
                listener.accept(reason);
              } catch (Throwable t) {
                LOG.error("disconnect listener failed", t, "socketId", id);
              }
            }
          }
          namespace.fireDisconnect(this, reason);
        });
  }

  /**
   * The reasons a client comes back from on its own (Socket.IO's recoverable disconnect reasons).
   */
  private static boolean recoverable(DisconnectReason reason) {
    return reason == DisconnectReason.TRANSPORT_CLOSE
        || reason == DisconnectReason.TRANSPORT_ERROR
        || reason == DisconnectReason.PING_TIMEOUT;
  }

  private CompletableFuture<Args> removeAck(int ackId) {
    synchronized (session) {
      return acks == null ? null : acks.remove(ackId);
    }
  }

  static void checkEventName(String event) {
    Objects.requireNonNull(event, "event");
    if (RESERVED.contains(event)) {
      throw new IllegalArgumentException("'" + event + "' is a reserved event name");
    }
  }

  // ================================================================ mailbox

  /**
   * Runs an application callback after the ones already queued for this socket. Runs it right here
   * when nothing is queued, no executor is configured and this is one of the server's I/O threads;
   * callers must not hold the session monitor.
   */
  void dispatch(Runnable task) {
    Executor executor = server.config().handlerExecutor();
    boolean inline;
    synchronized (this) {
      if (draining) {
        enqueue(task);
        return;
      }
      draining = true;
      inline = executor == null && server.onIoThread();
      if (!inline) {
        enqueue(task);
      }
    }
    if (inline) {
      runSafely(task);
      drain();
    } else {
      submitDrain(executor);
    }
  }

  private void enqueue(Runnable task) {
    if (mailbox == null) {
      mailbox = new ArrayDeque<>(4);
    }
    mailbox.add(task);
  }

  private void submitDrain(Executor executor) {
    Executor target = executor != null ? executor : session.loop();
    try {
      target.execute(this::drain);
    } catch (RejectedExecutionException e) {
      synchronized (this) {
        mailbox = null;
        draining = false;
      }
      LOG.warn("callbacks dropped: executor rejected them", "socketId", id);
    }
  }

  private void drain() {
    for (int done = 0; ; done++) {
      Runnable next;
      synchronized (this) {
        if (mailbox == null || mailbox.isEmpty()) {
          mailbox = null;
          draining = false;
          return;
        }
        if (done >= DRAIN_BUDGET) {
          break; // let other sockets run; continue in a fresh task
        }
        next = mailbox.poll();
      }
      runSafely(next);
    }
    submitDrain(server.config().handlerExecutor());
  }

  private void runSafely(Runnable task) {
    try {
      task.run();
    } catch (Throwable t) {
      LOG.error("socket callback failed", t, "socketId", id);
    }
  }

  /** The ack callback handed to an event handler. */
  private static final class ClientAck implements Ack {
    private final SocketImpl socket;
    private final int ackId;
    private boolean sent;

    ClientAck(SocketImpl socket, int ackId) {
      this.socket = socket;
      this.ackId = ackId;
    }

    @Override
    public void send(Object... args) {
      synchronized (this) {
        if (sent) {
          return;
        }
        sent = true;
      }
      socket.deliver(socket.server.codec().ack(socket.namespace.name(), ackId, args));
    }

    @Override
    public boolean requested() {
      return true;
    }
  }
}
