package com.utalk.functions.testing;

import com.google.cloud.functions.invoker.runner.Invoker;
import com.utalk.testing.Emulators;
import java.util.Map;

/**
 * A function running in the real Functions Framework invoker, in this JVM, on a free port. The
 * function's no-arg constructor reads its settings from system properties set just before start.
 */
public final class FunctionServer implements AutoCloseable {
  private final Invoker invoker;
  private final int port;

  private FunctionServer(Invoker invoker, int port) {
    this.invoker = invoker;
    this.port = port;
  }

  public static synchronized FunctionServer start(
      Class<?> target, String signatureType, Map<String, String> settings) {
    settings.forEach(System::setProperty);
    int port = Emulators.freePort();
    Invoker invoker =
        new Invoker(port, target.getName(), signatureType, FunctionServer.class.getClassLoader());
    try {
      invoker.startTestServer();
    } catch (Exception e) {
      throw new IllegalStateException("could not start " + target.getSimpleName(), e);
    }
    return new FunctionServer(invoker, port);
  }

  public static FunctionServer http(Class<?> target, Map<String, String> settings) {
    return start(target, "http", settings);
  }

  public String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  @Override
  public void close() throws Exception {
    invoker.stopServer();
  }
}
