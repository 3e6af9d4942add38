package com.utalk.realtime.app;

import static org.junit.jupiter.api.Assertions.fail;

import com.utalk.realtime.RealtimeMain;
import com.utalk.testing.ChildJvm;
import com.utalk.testing.Emulators;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The realtime service as its own JVM ({@link RealtimeMain}), so a test can SIGTERM or SIGKILL it.
 */
final class RealtimeProcess implements AutoCloseable {
  final int port;
  final String instanceId;
  final Path log;
  private final Process process;

  private RealtimeProcess(Process process, int port, String instanceId, Path log) {
    this.process = process;
    this.port = port;
    this.instanceId = instanceId;
    this.log = log;
  }

  static RealtimeProcess start(Map<String, String> settings) throws IOException {
    int port = Emulators.freePort();
    String instanceId = settings.get("REALTIME_INSTANCE_ID");
    Path log = Path.of("target", "realtime-" + instanceId + ".log");
    Files.createDirectories(log.getParent());
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1"));
    command.addAll(ChildJvm.coverageAgent());
    command.addAll(
        List.of("-cp", System.getProperty("java.class.path"), RealtimeMain.class.getName()));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(settings);
    builder.environment().put("PORT", Integer.toString(port));
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    RealtimeProcess started = new RealtimeProcess(builder.start(), port, instanceId, log);
    started.awaitHealthy(Duration.ofSeconds(60));
    return started;
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  String hostPort() {
    return "127.0.0.1:" + port;
  }

  private void awaitHealthy(Duration timeout) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        fail("realtime process exited with " + process.exitValue() + "; log:\n" + tail());
      }
      try {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(URI.create(url() + "/health/socket"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      java.util.concurrent.locks.LockSupport.parkNanos(100_000_000L);
    }
    fail("realtime process not healthy within " + timeout + "; log:\n" + tail());
  }

  /** SIGTERM, as Cloud Run sends when it scales in; returns the exit code. */
  int terminate(Duration wait) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS)) {
      fail("realtime process still running " + wait + " after SIGTERM; log:\n" + tail());
    }
    return process.exitValue();
  }

  /** SIGKILL: a crash, nothing runs. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
