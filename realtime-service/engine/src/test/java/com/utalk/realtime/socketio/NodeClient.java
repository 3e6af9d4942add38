package com.utalk.realtime.socketio;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.utalk.realtime.testing.StderrTail;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Runs the scripts of src/test/node (the real npm socket.io-client) and reads their JSON lines. */
final class NodeClient implements AutoCloseable {
  static final Path DIR = Path.of("src", "test", "node");

  private final Process process;
  private final BlockingQueue<JsonNode> lines = new LinkedBlockingQueue<>();
  private final StderrTail stderr;
  private final Thread reader;

  private NodeClient(Process process) {
    this.process = process;
    reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  if (line.startsWith("{")) {
                    lines.add(TestJson.read(line.getBytes(StandardCharsets.UTF_8)));
                  }
                }
              } catch (IOException | RuntimeException e) {
                // process ended
              }
            },
            "node-stdout");
    stderr = StderrTail.of(process, "node-stderr");
    reader.setDaemon(true);
    reader.start();
  }

  static NodeClient start(String script, String... args) {
    if (!Files.isDirectory(DIR.resolve("node_modules").resolve("socket.io-client"))) {
      fail(
          "socket.io-client is not installed in "
              + DIR.toAbsolutePath()
              + ": run the Maven build (npm install)");
    }
    List<String> command = new ArrayList<>();
    command.add("node");
    command.add(script);
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).directory(DIR.toFile()).start();
      process.getOutputStream().close();
      return new NodeClient(process);
    } catch (IOException e) {
      throw new IllegalStateException("cannot run node (is Node.js on the PATH?)", e);
    }
  }

  /** Runs a script to completion and returns its last JSON line. */
  static JsonNode run(Duration timeout, String script, String... args) {
    try (NodeClient client = start(script, args)) {
      JsonNode last = null;
      long deadline = System.nanoTime() + timeout.toNanos();
      while (true) {
        JsonNode line = client.lines.poll(20, TimeUnit.MILLISECONDS);
        if (line != null) {
          last = line;
          continue;
        }
        if (!client.process.isAlive() && client.lines.isEmpty()) {
          client.reader.join(1000);
          JsonNode rest;
          while ((rest = client.lines.poll()) != null) {
            last = rest;
          }
          break;
        }
        if (System.nanoTime() > deadline) {
          fail("node " + script + " timed out; stderr:\n" + client.stderr());
        }
      }
      if (last == null) {
        fail(
            "node "
                + script
                + " printed no result (exit "
                + client.process.exitValue()
                + "); stderr:\n"
                + client.stderr());
      }
      if (last.has("fatal")) {
        fail(
            "node "
                + script
                + " failed: "
                + last.get("fatal").asText()
                + "\nresult: "
                + last
                + "\nstderr:\n"
                + client.stderr());
      }
      return last;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The next JSON line, failing after {@code timeout}. */
  JsonNode next(Duration timeout) {
    try {
      JsonNode line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (line == null) {
        fail(
            "no output from node within "
                + timeout
                + "; alive="
                + process.isAlive()
                + "; stderr:\n"
                + stderr());
      }
      return line;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The next line whose "event" is {@code event}, skipping others. */
  JsonNode await(String event, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        fail("node did not report '" + event + "' within " + timeout + "; stderr:\n" + stderr());
      }
      JsonNode line = next(Duration.ofNanos(left));
      if (event.equals(line.path("event").asText())) {
        return line;
      }
    }
  }

  String stderr() {
    return stderr.toString();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(3, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
