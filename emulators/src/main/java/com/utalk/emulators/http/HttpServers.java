package com.utalk.emulators.http;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Creates the JDK HTTP servers the local stack runs (gateway, Twilio stand-in, test upstreams). */
public final class HttpServers {
  static {
    // Without TCP_NODELAY a response written in two segments can wait ~40 ms for a delayed ACK,
    // which would make the gateway far slower than the "a millisecond or two" it must add.
    // The JDK reads this once, when its server configuration class is first loaded.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private HttpServers() {}

  /**
   * A started server on {@code host:port} (0 picks a free port) served by a pool of daemon threads.
   */
  public static Running start(String host, int port, int threads, String name) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 128);
      ExecutorService executor = Executors.newFixedThreadPool(threads, daemonThreads(name));
      server.setExecutor(executor);
      return new Running(server, executor);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + host + ":" + port + " for " + name, e);
    }
  }

  public static ThreadFactory daemonThreads(String name) {
    AtomicInteger counter = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** A server plus the executor it owns; contexts are added before {@link #begin()}. */
  public record Running(HttpServer server, ExecutorService executor) implements AutoCloseable {
    public Running begin() {
      server.start();
      return this;
    }

    public int port() {
      return server.getAddress().getPort();
    }

    public String baseUrl() {
      return "http://" + server.getAddress().getHostString() + ":" + port();
    }

    @Override
    public void close() {
      server.stop(0);
      executor.shutdownNow();
    }
  }
}
