package com.utalk.realtime.socketio;

import java.time.Duration;

/** Runs the test application until killed (manual testing: {@code java ... DevServer PORT}). */
public final class DevServer {
  private DevServer() {}

  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
    int proxyPort = args.length > 1 ? Integer.parseInt(args[1]) : 0;
    TestApp app =
        TestApp.start(
            TestApp.testConfig()
                .port(port)
                .pingInterval(Duration.ofSeconds(25))
                .pingTimeout(Duration.ofSeconds(20))
                .build());
    System.out.println("listening on " + app.server.port());
    if (proxyPort >= 0) {
      JitterProxy proxy = new JitterProxy(app.server.port(), 20);
      System.out.println("proxy on " + proxy.port());
    }
    Thread.currentThread().join();
  }
}
