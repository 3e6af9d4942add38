package com.utalk.realtime.socketio;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * Settings of a {@link SocketServer}. Build with {@link #builder()}; every field has the default of
 * the Node.js server where one exists.
 *
 * @param host address to bind ("0.0.0.0" for all interfaces)
 * @param port port to bind; 0 picks a free one (see {@link SocketServer#port()})
 * @param path HTTP path of the endpoint, with leading and trailing slash (socket.io-client's
 *     default is "/socket.io/")
 * @param pingInterval how often the server pings each client
 * @param pingTimeout how long a client has to answer a ping before it is disconnected
 * @param maxPayload largest accepted HTTP POST body or WebSocket message, in bytes (larger: HTTP
 *     413 or WebSocket close 1009, and the session is closed)
 * @param allowedOrigins browser origins allowed to connect (checked on polling requests and on
 *     WebSocket handshakes; answered with CORS headers); empty allows any origin (development only)
 * @param connectTimeout how long a client may take to send its Socket.IO CONNECT and be
 *     authenticated
 * @param upgradeTimeout how long a polling→WebSocket upgrade may take before the probe is dropped
 * @param ioThreads Netty event loop threads; 0 means one per available processor
 * @param handlerExecutor where application callbacks run; null runs them on the I/O threads
 *     (fastest; callbacks must not block). Callbacks of one socket never run concurrently, and run
 *     in order, whichever is chosen.
 * @param maxBufferedBytes outbound bytes a connection may have waiting (slow reader, polling client
 *     that stopped polling) before it is closed
 * @param connectionStateRecovery how long a disconnected socket can be recovered (Socket.IO 4.6+
 *     connection-state recovery: same id, rooms, and the broadcasts it missed); null turns it off
 *     (the default). The authenticator runs again on recovery.
 * @param objectMapper how emitted arguments become JSON and how {@link Args#get(int, Class)} reads
 *     them: pass the application's own mapper so the wire format is the application's (dates, null
 *     handling); the default is a plain {@code ObjectMapper} with the modules on the classpath
 */
public record SocketServerConfig(
    String host,
    int port,
    String path,
    Duration pingInterval,
    Duration pingTimeout,
    int maxPayload,
    Set<String> allowedOrigins,
    Duration connectTimeout,
    Duration upgradeTimeout,
    int ioThreads,
    Executor handlerExecutor,
    long maxBufferedBytes,
    Duration connectionStateRecovery,
    ObjectMapper objectMapper) {

  public SocketServerConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(path, "path");
    if (!path.startsWith("/") || !path.endsWith("/")) {
      throw new IllegalArgumentException("path must start and end with '/': " + path);
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    requirePositive(pingInterval, "pingInterval");
    requirePositive(pingTimeout, "pingTimeout");
    requirePositive(connectTimeout, "connectTimeout");
    requirePositive(upgradeTimeout, "upgradeTimeout");
    if (maxPayload < 1024) {
      throw new IllegalArgumentException("maxPayload too small: " + maxPayload);
    }
    if (ioThreads < 0) {
      throw new IllegalArgumentException("ioThreads must be >= 0");
    }
    if (maxBufferedBytes < maxPayload) {
      throw new IllegalArgumentException("maxBufferedBytes must be >= maxPayload");
    }
    allowedOrigins = Set.copyOf(allowedOrigins);
    Objects.requireNonNull(objectMapper, "objectMapper");
    if (connectionStateRecovery != null) {
      requirePositive(connectionStateRecovery, "connectionStateRecovery");
    }
  }

  private static void requirePositive(Duration value, String name) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .host(host)
        .port(port)
        .path(path)
        .pingInterval(pingInterval)
        .pingTimeout(pingTimeout)
        .maxPayload(maxPayload)
        .allowedOrigins(allowedOrigins)
        .connectTimeout(connectTimeout)
        .upgradeTimeout(upgradeTimeout)
        .ioThreads(ioThreads)
        .handlerExecutor(handlerExecutor)
        .maxBufferedBytes(maxBufferedBytes)
        .connectionStateRecovery(connectionStateRecovery)
        .objectMapper(objectMapper);
  }

  /** Whether a browser at {@code origin} may connect. */
  public boolean originAllowed(String origin) {
    return allowedOrigins.isEmpty()
        || allowedOrigins.contains("*")
        || allowedOrigins.contains(origin);
  }

  public static final class Builder {
    private String host = "0.0.0.0";
    private int port = 8080;
    private String path = "/socket.io/";
    private Duration pingInterval = Duration.ofSeconds(25);
    private Duration pingTimeout = Duration.ofSeconds(20);
    private int maxPayload = 1_000_000;
    private Set<String> allowedOrigins = Set.of();
    private Duration connectTimeout = Duration.ofSeconds(45);
    private Duration upgradeTimeout = Duration.ofSeconds(10);
    private int ioThreads = 0;
    private Executor handlerExecutor;
    private long maxBufferedBytes = 16L * 1024 * 1024;
    private Duration connectionStateRecovery;
    private ObjectMapper objectMapper;

    private Builder() {}

    public Builder host(String host) {
      this.host = host;
      return this;
    }

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder path(String path) {
      this.path = path;
      return this;
    }

    public Builder pingInterval(Duration pingInterval) {
      this.pingInterval = pingInterval;
      return this;
    }

    public Builder pingTimeout(Duration pingTimeout) {
      this.pingTimeout = pingTimeout;
      return this;
    }

    public Builder maxPayload(int maxPayload) {
      this.maxPayload = maxPayload;
      return this;
    }

    public Builder allowedOrigins(Set<String> allowedOrigins) {
      this.allowedOrigins = allowedOrigins;
      return this;
    }

    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
      return this;
    }

    public Builder upgradeTimeout(Duration upgradeTimeout) {
      this.upgradeTimeout = upgradeTimeout;
      return this;
    }

    public Builder ioThreads(int ioThreads) {
      this.ioThreads = ioThreads;
      return this;
    }

    public Builder handlerExecutor(Executor handlerExecutor) {
      this.handlerExecutor = handlerExecutor;
      return this;
    }

    public Builder maxBufferedBytes(long maxBufferedBytes) {
      this.maxBufferedBytes = maxBufferedBytes;
      return this;
    }

    public Builder connectionStateRecovery(Duration maxDisconnection) {
      this.connectionStateRecovery = maxDisconnection;
      return this;
    }

    public Builder objectMapper(ObjectMapper objectMapper) {
      this.objectMapper = objectMapper;
      return this;
    }

    public SocketServerConfig build() {
      return new SocketServerConfig(
          host,
          port,
          path,
          pingInterval,
          pingTimeout,
          maxPayload,
          allowedOrigins,
          connectTimeout,
          upgradeTimeout,
          ioThreads,
          handlerExecutor,
          maxBufferedBytes,
          connectionStateRecovery,
          objectMapper != null ? objectMapper : new ObjectMapper().findAndRegisterModules());
    }
  }
}
