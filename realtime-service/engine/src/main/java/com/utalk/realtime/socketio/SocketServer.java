package com.utalk.realtime.socketio;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.FastThreadLocalThread;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A Socket.IO v4 server (Engine.IO protocol 4, Socket.IO protocol 5) on Netty: long-polling,
 * WebSocket, and the upgrade from one to the other, for the npm {@code socket.io-client} v4 and the
 * Java {@code io.socket:socket.io-client} 2.x. The main namespace "/" is addressed through this
 * class ({@link #onConnection}, {@link #to}); others are made with {@link #of}.
 *
 * <pre>{@code
 * SocketServer server = SocketServer.create(config, Authenticator.of(hs -> verify(hs.token())));
 * server.onConnection(socket -> {
 *   socket.join("workspace:" + socket.principal(Agent.class).workspaceId());
 *   socket.on("typing", (args, ack) -> server.to("conversation:" + args.text(0)).except(socket).emit("typing", socket.id()));
 * });
 * server.start();
 * ...
 * server.to("workspace:42").emit("message", payload);
 * server.close(Duration.ofSeconds(10));
 * }</pre>
 *
 * <p><b>Threads.</b> I/O runs on a few Netty event loops (epoll when available), never one thread
 * per connection. The {@link Authenticator} and {@link HttpRoute}s run on those I/O threads.
 * Connection listeners, event handlers, ack futures and disconnect listeners run, by default, on
 * the I/O thread too — so they must not block: hand slow work to your own executor and call {@link
 * Ack#send} / {@link Socket#emit} from there (both are thread-safe). With {@link
 * SocketServerConfig#handlerExecutor()} set they run on that executor instead. Either way the
 * callbacks of one socket run one at a time, in the order the packets arrived, and its disconnect
 * listeners run after its last event handler. {@code emit}, {@code join}, {@link #to} etc. may be
 * called from any thread and never block.
 */
public final class SocketServer implements AutoCloseable {
  static final String IDLE_HANDLER = "idle";
  private static final EngineLog LOG = EngineLog.get(SocketServer.class);

  private final SocketServerConfig config;

  /** The Socket.IO protocol; null on a raw Engine.IO server. */
  private final SocketIoLayer socketIo;

  private final MessageLayer layer;
  private final SocketIoCodec codec;
  private final Namespace main;
  private final ConcurrentHashMap<String, Namespace> namespaces = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, EngineSession> sessions = new ConcurrentHashMap<>();
  private final Map<String, HttpRoute> routes = new ConcurrentHashMap<>();
  private final AtomicInteger connections = new AtomicInteger();
  private final WebSocketServerHandshakerFactory handshakerFactory;

  private volatile boolean closing;
  private boolean started;
  private EventLoopGroup group;
  private Channel serverChannel;
  private ChannelGroup channels;

  private SocketServer(SocketServerConfig config, Authenticator authenticator, EngineHandler raw) {
    this.config = Objects.requireNonNull(config, "config");
    this.codec = new SocketIoCodec(config.objectMapper());
    if (raw == null) {
      this.main = new Namespace(this, Namespace.MAIN, authenticator);
      namespaces.put(Namespace.MAIN, main);
      this.socketIo = new SocketIoLayer(this);
      this.layer = socketIo;
    } else {
      this.main = null;
      this.socketIo = null;
      this.layer = new RawEngineLayer(raw);
    }
    WebSocketDecoderConfig decoderConfig =
        WebSocketDecoderConfig.newBuilder()
            .maxFramePayloadLength(config.maxPayload())
            .allowExtensions(false) // no permessage-deflate: it is a known source of stuck upgrades
            .expectMaskedFrames(true)
            .closeOnProtocolViolation(true)
            .build();
    this.handshakerFactory =
        new WebSocketServerHandshakerFactory("ws://localhost" + config.path(), null, decoderConfig);
  }

  /** A server that is not listening yet: register listeners and routes, then {@link #start()}. */
  public static SocketServer create(SocketServerConfig config, Authenticator authenticator) {
    return new SocketServer(config, Objects.requireNonNull(authenticator, "authenticator"), null);
  }

  /**
   * A server of raw Engine.IO messages, without the Socket.IO protocol: {@code handler} gets each
   * session ({@link EngineConnection}) and its messages. Socket.IO methods ({@link #onConnection},
   * {@link #of}, {@link #to}) are not available on it; HTTP routes are.
   */
  public static SocketServer engineIo(SocketServerConfig config, EngineHandler handler) {
    return new SocketServer(config, null, Objects.requireNonNull(handler, "handler"));
  }

  SocketIoCodec codec() {
    return codec;
  }

  /**
   * Called with every socket of the main namespace the {@link Authenticator} accepted, before the
   * client is told.
   */
  public SocketServer onConnection(Consumer<Socket> listener) {
    main().onConnection(listener);
    return this;
  }

  /**
   * Called once per accepted socket of the main namespace when it disconnects (after the socket's
   * own listeners).
   */
  public SocketServer onDisconnect(BiConsumer<Socket, DisconnectReason> listener) {
    main().onDisconnect(listener);
    return this;
  }

  /**
   * The namespace {@code name} (such as {@code "/admin"}), made on first use with {@code
   * authenticator} deciding who connects to it. A client that asks for a namespace nobody made gets
   * {@code connect_error} "Invalid namespace".
   *
   * @throws IllegalStateException when it exists already with another authenticator
   */
  public Namespace of(String name, Authenticator authenticator) {
    main();
    Namespace namespace =
        namespaces.computeIfAbsent(
            Namespace.checkName(name), n -> new Namespace(this, n, authenticator));
    if (namespace.authenticator() != authenticator) {
      throw new IllegalStateException("namespace " + name + " exists with another authenticator");
    }
    return namespace;
  }

  /** The main namespace, "/". */
  public Namespace mainNamespace() {
    return main();
  }

  /** Serves a plain HTTP endpoint at {@code path} (exact match) on the same port. */
  public SocketServer route(String path, HttpRoute route) {
    if (path.equals(config.path()) || (path + "/").equals(config.path())) {
      throw new IllegalArgumentException("path is the Socket.IO endpoint: " + path);
    }
    routes.put(path, Objects.requireNonNull(route, "route"));
    return this;
  }

  /**
   * Binds and starts accepting connections.
   *
   * @throws IllegalStateException if already started, or if the address cannot be bound
   */
  public synchronized SocketServer start() {
    if (started) {
      throw new IllegalStateException("already started");
    }
    started = true;
    boolean epoll = Epoll.isAvailable();
    int threads =
        config.ioThreads() > 0 ? config.ioThreads() : Runtime.getRuntime().availableProcessors();
    IoThreadFactory threadFactory = new IoThreadFactory(this);
    group =
        epoll
            ? new EpollEventLoopGroup(threads, threadFactory)
            : new NioEventLoopGroup(threads, threadFactory);
    channels = new DefaultChannelGroup("socketio", GlobalEventExecutor.INSTANCE);
    Class<? extends ServerChannel> channelType =
        epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    long highWater = Math.min(Integer.MAX_VALUE, config.maxBufferedBytes());
    int idleSeconds = (int) (config.pingInterval().plus(config.pingTimeout()).toSeconds() + 10);
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(group)
            .channel(channelType)
            .option(ChannelOption.SO_BACKLOG, 4096)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
            .childOption(
                ChannelOption.WRITE_BUFFER_WATER_MARK,
                new WriteBufferWaterMark((int) (highWater / 2), (int) highWater))
            .childHandler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel channel) {
                    channels.add(channel);
                    ChannelPipeline pipeline = channel.pipeline();
                    pipeline.addLast("http", new HttpServerCodec(4096, 16384, 16384));
                    pipeline.addLast(
                        "aggregator",
                        new EngineHttpAggregator(SocketServer.this, config.maxPayload()));
                    pipeline.addLast(
                        IDLE_HANDLER, new IdleStateHandler(0, 0, idleSeconds, TimeUnit.SECONDS));
                    pipeline.addLast("engine", new HttpTransportHandler(SocketServer.this));
                  }
                });
    try {
      serverChannel = bootstrap.bind(config.host(), config.port()).syncUninterruptibly().channel();
    } catch (RuntimeException e) {
      group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      throw new IllegalStateException("cannot listen on " + config.host() + ":" + config.port(), e);
    }
    LOG.info(
        "socket.io server listening",
        "port",
        port(),
        "io",
        epoll ? "epoll" : "nio",
        "ioThreads",
        threads);
    return this;
  }

  /** The bound port (useful with port 0). */
  public int port() {
    return address().getPort();
  }

  public InetSocketAddress address() {
    Channel channel = serverChannel;
    if (channel == null) {
      throw new IllegalStateException("not started");
    }
    return (InetSocketAddress) channel.localAddress();
  }

  public SocketServerConfig config() {
    return config;
  }

  /** Targets the sockets in {@code room}; chain {@code .to()} / {@code .except()}, then emit. */
  public Broadcast to(String room) {
    return main().to(room);
  }

  /** Authenticated sockets currently connected. */
  public int connectionCount() {
    return connections.get();
  }

  /** Rooms with at least one member, over every namespace. */
  public int roomCount() {
    return namespaces.values().stream().mapToInt(Namespace::roomCount).sum();
  }

  /** Engine.IO sessions, including those not (yet) authenticated. */
  public int sessionCount() {
    return sessions.size();
  }

  /**
   * Packets received from clients whose socket was not connected — not authenticated yet, refused,
   * or on another namespace — and therefore dropped (a security metric).
   */
  public long droppedPacketCount() {
    return socketIo == null ? 0 : socketIo.droppedPackets();
  }

  /**
   * Graceful shutdown: stops accepting connections, closes every session at the Engine.IO level
   * (WebSocket close / polling close packet) so clients reconnect — to another instance — with
   * their auth, waits up to {@code drain} for them to go, then stops the event loops. Must not be
   * called from a callback running on an I/O thread.
   */
  public void close(Duration drain) {
    if (onIoThread()) {
      throw new IllegalStateException(
          "close() called on an I/O thread; call it from another thread");
    }
    synchronized (this) {
      if (closing || !started) {
        closing = true;
        return;
      }
      closing = true;
    }
    serverChannel.close().syncUninterruptibly();
    for (EngineSession session : sessions.values()) {
      session.close(DisconnectReason.SERVER_SHUTTING_DOWN, true);
    }
    long deadline = System.nanoTime() + drain.toNanos();
    while (!sessions.isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    int abandoned = sessions.size();
    sessions.values().forEach(EngineSession::destroy);
    channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    LOG.info("socket.io server closed", "abandonedSessions", abandoned);
  }

  /** {@link #close(Duration)} with a 5 second drain. */
  @Override
  public void close() {
    close(Duration.ofSeconds(5));
  }

  // ================================================================ internals

  MessageLayer layer() {
    return layer;
  }

  private Namespace main() {
    if (main == null) {
      throw new IllegalStateException("a raw Engine.IO server has no Socket.IO namespaces");
    }
    return main;
  }

  /** The namespace a client asked for; null when nobody made it. */
  Namespace namespace(String name) {
    return namespaces.get(name);
  }

  /**
   * Whether clients may connect to another namespace than the main one (then sessions keep their
   * handshake).
   */
  boolean hasOtherNamespaces() {
    return namespaces.size() > 1;
  }

  WebSocketServerHandshakerFactory handshakerFactory() {
    return handshakerFactory;
  }

  boolean isClosing() {
    return closing;
  }

  EngineSession session(String sid) {
    return sessions.get(sid);
  }

  /** Creates, registers and starts a session; null while shutting down. */
  EngineSession openSession(
      Channel channel, Transport transport, HttpHeaders headers, Map<String, List<String>> query) {
    if (closing) {
      return null;
    }
    EngineSession session = new EngineSession(Ids.next(), this, channel, transport, headers, query);
    sessions.put(session.sid, session);
    session.start();
    layer.onOpen(session);
    return session;
  }

  void removeSession(EngineSession session) {
    sessions.remove(session.sid, session);
  }

  void connectionOpened() {
    connections.incrementAndGet();
  }

  void connectionClosed() {
    connections.decrementAndGet();
  }

  boolean onIoThread() {
    return Thread.currentThread() instanceof IoThread thread && thread.owner == this;
  }

  void serveRoute(Channel channel, FullHttpRequest req, QueryStringDecoder uri, boolean keepAlive) {
    HttpRoute route = routes.get(uri.path());
    if (route == null) {
      HttpResponses.problem(
          channel,
          HttpResponseStatus.NOT_FOUND,
          "not_found",
          "no such path: " + uri.path(),
          keepAlive);
      return;
    }
    HttpRoute.Response response;
    try {
      response =
          route.handle(
              new HttpRoute.Request(
                  req.method().name(),
                  uri.path(),
                  uri.parameters(),
                  req.headers(),
                  ByteBufUtil.getBytes(req.content())));
    } catch (Exception e) {
      LOG.error("http route failed", e, "path", uri.path());
      HttpResponses.problem(
          channel,
          HttpResponseStatus.INTERNAL_SERVER_ERROR,
          "internal",
          "the request could not be handled",
          keepAlive);
      return;
    }
    HttpResponses.write(
        channel,
        HttpResponses.response(
            HttpResponseStatus.valueOf(response.status()),
            Unpooled.wrappedBuffer(response.body()),
            response.contentType(),
            null),
        keepAlive);
  }

  /** Event loop threads, tagged with their server so callbacks know whether they may run inline. */
  private static final class IoThread extends FastThreadLocalThread {
    final SocketServer owner;

    IoThread(ThreadGroup group, Runnable task, String name, SocketServer owner) {
      super(group, task, name);
      this.owner = owner;
    }
  }

  private static final class IoThreadFactory extends DefaultThreadFactory {
    private final SocketServer owner;

    IoThreadFactory(SocketServer owner) {
      super("socketio-io", true);
      this.owner = owner;
    }

    @Override
    protected Thread newThread(Runnable task, String name) {
      return new IoThread(threadGroup, task, name, owner);
    }
  }
}
