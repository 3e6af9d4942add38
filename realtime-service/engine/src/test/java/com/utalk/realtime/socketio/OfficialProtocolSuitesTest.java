package com.utalk.realtime.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * The maintainers' own protocol suites (src/test/conformance, pinned) against {@link
 * ConformanceServer}. The mocha run's JSON report names each failure with its message.
 *
 * <p>Some Socket.IO suite tests are racy by their own construction: they read one WebSocket message
 * per {@code await}, so a message that arrives while the test is between two awaits is missed, and
 * the polling close test sends its GET and POST at once and needs the GET to arrive first. Mocha's
 * own {@code --retries 9} runs a failed test again, up to nine times. A test that still fails is
 * run, in the same build, against the suite's Node reference server (configured as the suite's
 * README says, src/test/conformance/reference): the build fails unless the reference fails that
 * very test too, on this machine, in this run. A test the reference passes gets up to four more
 * whole runs against a fresh engine server (a missed message can repeat through all retries of one
 * run, seen on an idle machine on 2026-12-04 with "connect should allow connection to the main
 * namespace": the CONNECT and the listener's first emit read by the client in one chunk); it is an
 * engine fault when it fails in all five. So the engine is held to everything the reference passes
 * here, and a test the reference cannot pass is reported, not hidden.
 */
class OfficialProtocolSuitesTest {
  private static final Path SUITES = Path.of("src", "test", "conformance");

  /** Whole runs a test the reference passes may take against the engine (see the class comment). */
  private static final int RUNS = 5;

  /** The address the suites have written in; only the port is replaced in the copy that runs. */
  private static final String SUITE_URL = "http://localhost:3000";

  @Test
  void socketIoProtocolSuite() throws Exception {
    run("socket.io-protocol", ConformanceServer::socketIo, "socket.io-server.js");
  }

  @Test
  void engineIoProtocolSuite() throws Exception {
    run("engine.io-protocol", ConformanceServer::engineIo, "engine.io-server.js");
  }

  private static void run(String suite, IntFunction<SocketServer> start, String reference)
      throws Exception {
    Path dir = SUITES.resolve(suite);
    assertTrue(
        Files.isDirectory(dir.resolve("node_modules").resolve("mocha")),
        "the suite's packages are not installed: run the build (generate-test-resources runs npm ci in "
            + dir
            + ")");
    Map<String, String> ours;
    int passes;
    try (SocketServer server = start.apply(0)) {
      JsonNode report = mocha(dir, server.port());
      ours = failures(report);
      passes = report.path("stats").path("passes").asInt();
    }
    System.out.printf(
        "%s against the engine: %d passing, %d failing%n", suite, passes, ours.size());
    assertTrue(passes > 0, "the suite ran no test");
    if (ours.isEmpty()) {
      return;
    }
    Map<String, String> theirs = againstReference(dir, reference);
    System.out.printf(
        "%s against the Node reference, same run: failing %s%n", suite, theirs.keySet());
    TreeSet<String> ownFaults = new TreeSet<>(ours.keySet());
    ownFaults.removeAll(theirs.keySet());
    Map<String, String> unexplained = new TreeMap<>(ours);
    unexplained.keySet().retainAll(ownFaults);
    // The racy tests can miss a message in every one of mocha's retries within one run (the
    // engine and the client stay in step), so what the reference passed gets up to four more whole
    // runs, each on a fresh server: an engine fault is a test it fails in all five.
    for (int run = 2; run <= RUNS && !unexplained.isEmpty(); run++) {
      Map<String, String> again;
      try (SocketServer server = start.apply(0)) {
        again = failures(mocha(dir, server.port()));
      }
      System.out.printf(
          "%s against the engine, run %d of the tests the reference passes: failing %s%n",
          suite,
          run,
          new TreeSet<>(unexplained.keySet()).stream().filter(again::containsKey).toList());
      unexplained.keySet().retainAll(again.keySet());
    }
    assertEquals(
        Map.of(),
        unexplained,
        suite + ": failing against the engine but passing against the Node reference");
  }

  private static Map<String, String> failures(JsonNode report) {
    Map<String, String> failures = new TreeMap<>();
    for (JsonNode failure : report.path("failures")) {
      failures.put(
          failure.path("fullTitle").asText(), failure.path("err").path("message").asText());
    }
    return failures;
  }

  /** The suite against its Node reference server, started on a free port. */
  private static Map<String, String> againstReference(Path suite, String script) throws Exception {
    Path dir = SUITES.resolve("reference");
    assertTrue(
        Files.isDirectory(dir.resolve("node_modules").resolve("socket.io")),
        "the reference servers' packages are not installed (generate-test-resources runs npm ci in "
            + dir
            + ")");
    Process server =
        new ProcessBuilder("node", script, "0")
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .start();
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      assertTrue(
          line != null && line.startsWith("listening "),
          "the reference server did not start: " + line);
      return failures(mocha(suite, Integer.parseInt(line.substring("listening ".length()).trim())));
    } finally {
      server.destroy();
      server.waitFor(5, TimeUnit.SECONDS);
    }
  }

  private static JsonNode mocha(Path dir, int port) throws IOException, InterruptedException {
    String original = Files.readString(dir.resolve("test-suite.js"));
    assertTrue(original.contains(SUITE_URL), "the suite no longer addresses " + SUITE_URL);
    Files.writeString(
        dir.resolve("test-suite.local.js"),
        original.replace(SUITE_URL, "http://localhost:" + port));
    Process process =
        new ProcessBuilder(
                "node",
                "node_modules/mocha/bin/mocha",
                "--retries",
                "9",
                "--reporter",
                "json",
                "test-suite.local.js")
            .directory(dir.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    byte[] out;
    try (var stdout = process.getInputStream()) {
      out = stdout.readAllBytes();
    }
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("mocha did not finish in 5 minutes");
    }
    String text = new String(out, StandardCharsets.UTF_8);
    int start = text.indexOf("{\n");
    assertTrue(
        start >= 0, "no JSON report from mocha (exit " + process.exitValue() + "):\n" + text);
    return TestJson.read(text.substring(start));
  }
}
