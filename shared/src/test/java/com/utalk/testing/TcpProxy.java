package com.utalk.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay in front of a server that a test can cut (connections dropped, new ones refused) and
 * restore, or point at another server (a load balancer failing over).
 */
public final class TcpProxy implements AutoCloseable {
  private volatile String targetHost;
  private volatile int targetPort;
  private final ServerSocket listener;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile boolean cut;

  public TcpProxy(String targetHostPort) throws IOException {
    String[] parts = targetHostPort.split(":");
    this.targetHost = parts[0];
    this.targetPort = Integer.parseInt(parts[1]);
    this.listener = new ServerSocket();
    listener.bind(new InetSocketAddress("127.0.0.1", 0));
    Thread acceptor = new Thread(this::acceptLoop, "tcp-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public String hostPort() {
    return "127.0.0.1:" + listener.getLocalPort();
  }

  /** Drops every open connection and refuses new ones until {@link #restore()}. */
  public void cut() {
    cut = true;
    for (Socket socket : open) {
      closeQuietly(socket);
    }
    open.clear();
  }

  public void restore() {
    cut = false;
  }

  /** New connections go to {@code hostPort}; open ones stay where they are. */
  public void retarget(String hostPort) {
    String[] parts = hostPort.split(":");
    targetPort = Integer.parseInt(parts[1]);
    targetHost = parts[0];
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        if (cut) {
          closeQuietly(client);
          continue;
        }
        Socket upstream;
        try {
          upstream = new Socket(targetHost, targetPort);
        } catch (IOException refused) {
          closeQuietly(client); // the client sees its connection fail, as behind a load balancer
          continue;
        }
        open.add(client);
        open.add(upstream);
        pump(client, upstream);
        pump(upstream, client);
      } catch (IOException e) {
        // listener closed, or upstream refused: the client sees its connection fail.
      }
    }
  }

  private void pump(Socket from, Socket to) {
    Thread thread =
        new Thread(
            () -> {
              byte[] buffer = new byte[16 * 1024];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                int read;
                while (!cut && (read = in.read(buffer)) >= 0) {
                  out.write(buffer, 0, read);
                  out.flush();
                }
              } catch (IOException e) {
                // connection cut
              } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
              }
            },
            "tcp-proxy-pump");
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    cut();
    listener.close();
  }
}
