package com.utalk.testing;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The real Google emulators for tests. When FIRESTORE_EMULATOR_HOST / PUBSUB_EMULATOR_HOST point at
 * running emulators (as {@code emulators/dev test} arranges) they are used; otherwise this starts
 * them with gcloud once per JVM and stops them when the JVM exits.
 */
public final class Emulators {
  private static String firestoreHost;
  private static String pubsubHost;
  private static final List<Process> STARTED = new ArrayList<>();

  private Emulators() {}

  public static synchronized String firestoreHost() {
    if (firestoreHost == null) {
      firestoreHost = reachableOrStart(System.getenv("FIRESTORE_EMULATOR_HOST"), "firestore");
      warmUpFirestore(firestoreHost);
    }
    return firestoreHost;
  }

  public static synchronized String pubsubHost() {
    if (pubsubHost == null) {
      pubsubHost = reachableOrStart(System.getenv("PUBSUB_EMULATOR_HOST"), "pubsub");
    }
    return pubsubHost;
  }

  private static String reachableOrStart(String configured, String kind) {
    if (configured != null && !configured.isBlank() && reachable(configured)) {
      return configured;
    }
    int port = freePort();
    String hostPort = "127.0.0.1:" + port;
    List<String> command =
        kind.equals("firestore")
            ? List.of(
                "gcloud", "emulators", "firestore", "start", "--host-port=" + hostPort, "--quiet")
            : List.of(
                "gcloud",
                "beta",
                "emulators",
                "pubsub",
                "start",
                "--host-port=" + hostPort,
                "--quiet",
                "--data-dir=" + tempDir("pubsub-data"));
    try {
      File log = Files.createTempFile("utalk-" + kind + "-emulator", ".log").toFile();
      Process process =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
      STARTED.add(process);
      if (STARTED.size() == 1) {
        Runtime.getRuntime().addShutdownHook(new Thread(Emulators::stopAll));
      }
      waitUntilReachable(hostPort, Duration.ofSeconds(90), kind, log);
      return hostPort;
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot start the " + kind + " emulator (is gcloud installed?)", e);
    }
  }

  /**
   * A freshly started emulator answers its first RPCs slowly (seconds, while its JVM warms up),
   * longer than the production client's per-call timeout: absorb that here, once, with patience.
   */
  private static void warmUpFirestore(String hostPort) {
    com.google.cloud.firestore.FirestoreOptions options =
        com.google.cloud.firestore.FirestoreOptions.newBuilder()
            .setProjectId("warm-up")
            .setEmulatorHost(hostPort)
            .setCredentials(new com.google.cloud.firestore.FirestoreOptions.EmulatorCredentials())
            .build();
    try (com.google.cloud.firestore.Firestore firestore = options.getService()) {
      for (int attempt = 0; attempt < 10; attempt++) {
        try {
          firestore
              .collection("warm-up")
              .document("probe")
              .set(java.util.Map.of("at", System.nanoTime()))
              .get(30, java.util.concurrent.TimeUnit.SECONDS);
          firestore
              .runTransaction(
                  tx -> tx.get(firestore.collection("warm-up").document("probe")).get().exists())
              .get(30, java.util.concurrent.TimeUnit.SECONDS);
          return;
        } catch (Exception e) {
          sleep(500);
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException("Firestore emulator at " + hostPort + " does not answer", e);
    }
  }

  private static String tempDir(String name) {
    try {
      return Files.createTempDirectory("utalk-" + name).toString();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void waitUntilReachable(String hostPort, Duration timeout, String kind, File log) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (reachable(hostPort)) {
        return;
      }
      sleep(200);
    }
    String tail;
    try {
      tail = Files.readString(log.toPath());
    } catch (IOException e) {
      tail = "";
    }
    throw new IllegalStateException(
        kind + " emulator did not come up on " + hostPort + ":\n" + tail);
  }

  public static boolean reachable(String hostPort) {
    String[] parts = hostPort.split(":");
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(parts[0], Integer.parseInt(parts[1])), 300);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A free port for a part of a local stack that listens later, in another process. Below Linux's
   * ephemeral range (32768+): a port the kernel handed out for {@link #freePort()} can be taken as
   * the source port of any outgoing connection before the stack binds it (a stack start failed so).
   */
  public static int freeStackPort() {
    for (int attempt = 0; attempt < 100; attempt++) {
      int port = 20_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(8_000);
      if (bindable(port)) {
        return port;
      }
    }
    throw new IllegalStateException("no free port for the stack");
  }

  /**
   * A first port for a local stack's functions, with room for every function ({@code count}) and
   * its metrics port ({@code +100}) above it, all free now and below the ephemeral range.
   */
  public static int freeFunctionPortRange(int count) {
    for (int attempt = 0; attempt < 50; attempt++) {
      int base =
          28_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(4_000 - 100 - count);
      boolean free = true;
      for (int offset = 0; offset < count && free; offset++) {
        free = bindable(base + offset) && bindable(base + 100 + offset);
      }
      if (free) {
        return base;
      }
    }
    throw new IllegalStateException("no free port range for the stack's functions");
  }

  private static boolean bindable(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress("127.0.0.1", port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void stopAll() {
    for (Process process : STARTED) {
      process.descendants().forEach(ProcessHandle::destroy);
      process.destroy();
    }
  }

  /** Used by the README's test command to find where an emulator's data went, if ever needed. */
  static Path workDir() {
    return Path.of(System.getProperty("java.io.tmpdir"));
  }
}
