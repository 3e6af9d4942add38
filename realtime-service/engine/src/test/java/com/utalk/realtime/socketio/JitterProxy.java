package com.utalk.realtime.socketio;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on 127.0.0.1 that delays every chunk it forwards by a random 0..maxDelay ms, and
 * sometimes splits a chunk in two, in both directions (order is kept). Makes the timing of the
 * polling→WebSocket upgrade dance vary the way a mobile network does.
 */
final class JitterProxy implements AutoCloseable {
  private final ServerSocket server;
  private final int targetPort;
  private final int maxDelayMillis;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final AtomicLong connections = new AtomicLong();
  private final AtomicLong chunks = new AtomicLong();
  private volatile boolean closed;

  JitterProxy(int targetPort, int maxDelayMillis) throws IOException {
    this.targetPort = targetPort;
    this.maxDelayMillis = maxDelayMillis;
    this.server = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "jitter-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  long connections() {
    return connections.get();
  }

  long chunks() {
    return chunks.get();
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket();
        upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 2000);
        client.setTcpNoDelay(true);
        upstream.setTcpNoDelay(true);
        sockets.add(client);
        sockets.add(upstream);
        connections.incrementAndGet();
        pump(client, upstream, "up");
        pump(upstream, client, "down");
      } catch (IOException e) {
        if (!closed) {
          // accept failed or target refused: drop that connection, keep serving
          continue;
        }
      }
    }
  }

  private void pump(Socket from, Socket to, String direction) {
    Thread thread =
        new Thread(
            () -> {
              byte[] buffer = new byte[16 * 1024];
              try (InputStream in = from.getInputStream()) {
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buffer)) >= 0) {
                  ThreadLocalRandom random = ThreadLocalRandom.current();
                  int split = n > 1 && random.nextInt(4) == 0 ? 1 + random.nextInt(n - 1) : n;
                  forward(out, buffer, 0, split);
                  if (split < n) {
                    forward(out, buffer, split, n - split);
                  }
                }
                to.shutdownOutput();
              } catch (IOException | InterruptedException e) {
                closeQuietly(from);
                closeQuietly(to);
              }
            },
            "jitter-proxy-" + direction);
    thread.setDaemon(true);
    thread.start();
  }

  private void forward(OutputStream out, byte[] buffer, int offset, int length)
      throws IOException, InterruptedException {
    int delay = ThreadLocalRandom.current().nextInt(maxDelayMillis + 1);
    if (delay > 0) {
      Thread.sleep(delay);
    }
    out.write(buffer, offset, length);
    out.flush();
    chunks.incrementAndGet();
  }

  private void closeQuietly(Socket socket) {
    sockets.remove(socket);
    try {
      socket.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException e) {
      // ignore
    }
    sockets.forEach(this::closeQuietly);
  }
}
