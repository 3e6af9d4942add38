package com.utalk.realtime.app;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.utalk.json.Json;
import com.utalk.realtime.testing.StderrTail;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * An agent's browser: {@code engine/src/test/node/agent.js} (the real npm socket.io-client) driven
 * over stdin/stdout. Every line it printed is kept, so a test can wait for an event that already
 * came.
 */
public final class AgentClient implements AutoCloseable {
  // the engine module installs the npm client there (its tests use it too)
  static final Path DIR = Path.of("engine", "src", "test", "node");

  private final Process process;
  private final OutputStream stdin;
  private final List<JsonNode> lines = new ArrayList<>();
  private final StderrTail stderr;
  private final AtomicInteger ids = new AtomicInteger();

  private AgentClient(Process process) {
    this.process = process;
    this.stdin = process.getOutputStream();
    Thread out = new Thread(() -> read(process), "agent-stdout");
    out.setDaemon(true);
    out.start();
    this.stderr = StderrTail.of(process, "agent-stderr");
  }

  /** Starts the client; does not wait for the connection (see {@link #awaitConnect}). */
  public static AgentClient start(String url, String token, String mode, boolean resync) {
    return start(url, token, mode, resync, null);
  }

  /**
   * As {@link #start(String, String, String, boolean)}, naming the API version in the handshake's
   * auth (null: none).
   */
  public static AgentClient start(
      String url, String token, String mode, boolean resync, String apiVersion) {
    if (!Files.isDirectory(DIR.resolve("node_modules").resolve("socket.io-client"))) {
      fail(
          "socket.io-client is not installed in "
              + DIR.toAbsolutePath()
              + ": run the Maven build (npm install)");
    }
    List<String> command =
        new ArrayList<>(
            List.of("node", "agent.js", "--url", url, "--token", token, "--mode", mode));
    if (resync) {
      command.addAll(List.of("--resync", "true"));
    }
    if (apiVersion != null) {
      command.addAll(List.of("--api-version", apiVersion));
    }
    try {
      return new AgentClient(new ProcessBuilder(command).directory(DIR.toFile()).start());
    } catch (IOException e) {
      throw new IllegalStateException("cannot run node (is Node.js on the PATH?)", e);
    }
  }

  /** Connects and waits for it; fails the test on connect_error. */
  public static AgentClient connect(String url, String token) {
    AgentClient client = start(url, token, "default", true);
    JsonNode first =
        client.awaitLine(
            line -> line.path("type").asText().startsWith("connect"), Duration.ofSeconds(20));
    if (!first.path("type").asText().equals("connect")) {
      client.close();
      fail("agent could not connect: " + first);
    }
    return client;
  }

  private void read(Process process) {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.startsWith("{")) {
          JsonNode node = Json.read(line.getBytes(StandardCharsets.UTF_8));
          synchronized (lines) {
            lines.add(node);
            lines.notifyAll();
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      // process ended
    }
  }

  /** Emits with an ack and returns the ack's first argument. */
  public JsonNode call(String event, Object argument) {
    int id = ids.incrementAndGet();
    send(Map.of("op", "emit", "id", id, "event", event, "args", List.of(argument)));
    JsonNode ack =
        awaitLine(
            line -> line.path("type").asText().equals("ack") && line.path("id").asInt() == id,
            Duration.ofSeconds(20));
    if (ack.has("error")) {
      fail(event + " got no ack: " + ack.get("error").asText());
    }
    return ack.path("reply").path(0);
  }

  /** Emits without asking for an ack (a client that passes no callback); waits until it is sent. */
  public void emitWithoutAck(String event, Object argument) {
    int id = ids.incrementAndGet();
    send(Map.of("op", "raw-emit", "id", id, "event", event, "args", List.of(argument)));
    awaitLine(
        line -> line.path("type").asText().equals("sent") && line.path("id").asInt() == id,
        Duration.ofSeconds(20));
  }

  /** Kills the transport under the client, which then reconnects by itself (a network drop). */
  public void drop() {
    send(Map.of("op", "drop"));
  }

  /** The first argument of the first {@code event} matching {@code match}, waiting for it. */
  public JsonNode awaitEvent(String event, Predicate<JsonNode> match, Duration timeout) {
    return awaitLine(
            line ->
                line.path("type").asText().equals("event")
                    && line.path("event").asText().equals(event)
                    && match.test(line.path("args").path(0)),
            timeout)
        .path("args")
        .path(0);
  }

  /** The first argument of every {@code event} received so far, in arrival order. */
  public List<JsonNode> events(String event) {
    List<JsonNode> found = new ArrayList<>();
    synchronized (lines) {
      for (JsonNode line : lines) {
        if (line.path("type").asText().equals("event")
            && line.path("event").asText().equals(event)) {
          found.add(line.path("args").path(0));
        }
      }
    }
    return found;
  }

  /** Every event line (name and first argument) received so far, in arrival order. */
  public List<JsonNode> allEvents() {
    List<JsonNode> found = new ArrayList<>();
    synchronized (lines) {
      for (JsonNode line : lines) {
        if (line.path("type").asText().equals("event")) {
          found.add(line);
        }
      }
    }
    return found;
  }

  public int count(Predicate<JsonNode> match) {
    synchronized (lines) {
      return (int) lines.stream().filter(match).count();
    }
  }

  public JsonNode awaitLine(Predicate<JsonNode> match, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lines) {
      while (true) {
        for (JsonNode line : lines) {
          if (match.test(line)) {
            return line;
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          fail(
              "agent: no matching line within "
                  + timeout
                  + "; got "
                  + lines
                  + "\nstderr:\n"
                  + stderr());
        }
        try {
          lines.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          fail("interrupted");
        }
      }
    }
  }

  private static final com.fasterxml.jackson.databind.ObjectWriter ASCII_JSON =
      Json.mapper()
          .writer()
          .with(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII);

  private void send(Object command) {
    try {
      synchronized (stdin) {
        // ASCII with \\u escapes: a lone surrogate reaches the client as the test wrote it, not as
        // '?'
        stdin.write(ASCII_JSON.writeValueAsBytes(command));
        stdin.write('\n');
        stdin.flush();
      }
    } catch (IOException e) {
      fail("agent process is gone: " + stderr());
    }
  }

  private String stderr() {
    return stderr.toString();
  }

  @Override
  public void close() {
    try {
      send(Map.of("op", "close"));
    } catch (AssertionError ignored) {
      // already gone
    }
    try {
      if (!process.waitFor(2, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
