package com.utalk.realtime.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.Principal;

/**
 * The Java side of the benchmark in {@code bench/} (run by {@code bench/run.sh}): the same work as
 * {@code bench/node/reference-server.js}. Tokens starting with "good-" are accepted; {@code echo}
 * acks its arguments, {@code join} joins a room and acks true, {@code broadcast {room, payload}}
 * emits {@code room-message} to the room and acks the recipient count.
 *
 * <p>Not {@link TestApp}: that one records every event and connection in synchronized lists for the
 * tests' assertions, which would grow without bound and add a lock under load. Default {@link
 * SocketServerConfig} apart from host and port (ping 25 s / 20 s, maxPayload 1 MB, one event loop
 * per core, handlers on the event loops).
 *
 * <p>usage: {@code java -cp <test classpath> com.utalk.realtime.socketio.BenchServer [PORT]} (0 or
 * none = a free port); prints "listening on PORT" and "pid PID".
 */
public final class BenchServer {
  /** {@code -Dbench.traceFanout=true}: print how long each broadcast's writes took (stderr). */
  private static final boolean TRACE_FANOUT = Boolean.getBoolean("bench.traceFanout");

  private BenchServer() {}

  private record User(String name) implements Principal {
    @Override
    public String getName() {
      return name;
    }
  }

  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    SocketServer server =
        SocketServer.create(
            SocketServerConfig.builder()
                .host("127.0.0.1")
                .port(port)
                .ioThreads(Integer.getInteger("bench.ioThreads", 0))
                .build(),
            Authenticator.of(
                handshake ->
                    handshake
                        .token()
                        .filter(t -> t.startsWith("good-"))
                        .map(t -> new User(t.substring(5)))));
    server.onConnection(
        socket -> {
          socket.on("echo", (a, ack) -> ack.send(a.asList().toArray()));
          socket.on(
              "join",
              (a, ack) -> {
                socket.join(a.text(0));
                ack.send(true);
              });
          socket.on(
              "broadcast",
              (a, ack) -> {
                JsonNode request = a.get(0);
                long start = System.nanoTime();
                int recipients =
                    server
                        .to(request.path("room").asText())
                        .emit("room-message", request.path("payload"));
                if (TRACE_FANOUT) {
                  // how long the server took to hand the frame to every member's socket (on its
                  // loop, the
                  // writes are done when emit returns): against the last member's latency in
                  // load.js
                  System.err.println(
                      "fan-out write us "
                          + (System.nanoTime() - start) / 1000
                          + " to "
                          + recipients);
                }
                ack.send(recipients);
              });
        });
    server.start();
    System.out.println("listening on " + server.port());
    System.out.println("pid " + ProcessHandle.current().pid());
    Thread.currentThread().join();
  }
}
