package com.utalk.emulators.bench;

import com.utalk.config.Settings;
import com.utalk.emulators.twilio.InboundWebhook;
import com.utalk.emulators.twilio.TwilioAccount;
import com.utalk.messaging.PhoneNumber;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Cold start of the webhook function: a new JVM running the Functions Framework invoker, timed from
 * process start to (a) its port accepting connections and (b) the first 200 for a signed webhook.
 * The gap between the two is what our first request pays (class loading, Firestore and Pub/Sub
 * client set-up, first RPCs). Needs the local stack's emulators and demo workspace.
 *
 * <p>Each variant runs {@code RUNS} times: {@code plain} (the JVM's default class data sharing of
 * the JDK only) and {@code appcds} (an application class-data archive of every class the first
 * webhook loads, written by a training run with {@code -XX:ArchiveClassesAtExit} before the timed
 * runs), so the difference is what the archive saves.
 */
public final class ColdStartBenchmark {
  public static void main(String[] args) throws Exception {
    Settings settings = Settings.fromEnvironment();
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    Path root = Path.of(settings.get("UTALK_REPO_ROOT", "."));
    String classpath =
        functionsJar(root)
            + ":"
            + Files.readString(root.resolve("functions/target/runtime-classpath.txt")).trim()
            + ":"
            + Files.readString(root.resolve("emulators/target/runtime-classpath.txt")).trim();
    TwilioAccount account =
        new TwilioAccount(
            settings.require("TWILIO_ACCOUNT_SID"), settings.require("TWILIO_AUTH_TOKEN"));
    PhoneNumber to = PhoneNumber.parse(settings.get("WHATSAPP_NUMBER", "+14155238886"));
    String publicBaseUrl = settings.get("PUBLIC_BASE_URL", "http://127.0.0.1:8080");
    Path archive = Files.createTempDirectory("utalk-cds").resolve("webhook.jsa");
    // Training run: the same first webhook, then the running JVM writes every class it loaded.
    int trainingPort = freePort();
    Process training =
        start(settings, classpath, trainingPort, List.of("-XX:+RecordDynamicDumpInfo"));
    try {
      firstSuccessfulWebhook(trainingPort, account, to, publicBaseUrl, System.nanoTime());
      Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
      new ProcessBuilder(
              jcmd.toString(),
              Long.toString(training.pid()),
              "VM.cds",
              "dynamic_dump",
              archive.toString())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start()
          .waitFor();
    } finally {
      training.destroy();
      training.waitFor();
    }
    System.out.printf(
        "AppCDS archive: %s (%d KiB)%n",
        archive, Files.exists(archive) ? Files.size(archive) / 1024 : -1);
    for (String variant : List.of("plain", "appcds")) {
      List<String> flags =
          variant.equals("plain") ? List.of() : List.of("-XX:SharedArchiveFile=" + archive);
      List<long[]> results = new ArrayList<>();
      for (int run = 0; run < runs; run++) {
        int port = freePort();
        long started = System.nanoTime();
        Process process = start(settings, classpath, port, flags);
        try {
          long portOpen = waitForPort(port, started);
          long firstOk = firstSuccessfulWebhook(port, account, to, publicBaseUrl, started);
          results.add(new long[] {portOpen, firstOk});
          System.out.printf(
              "%s run %d: port open %d ms, first 200 %d ms%n", variant, run + 1, portOpen, firstOk);
        } finally {
          process.destroyForcibly().waitFor();
        }
      }
      results.sort((a, b) -> Long.compare(a[1], b[1]));
      long[] median = results.get(results.size() / 2);
      System.out.printf(
          "%s: median of %d: port open %d ms, first 200 %d ms (range %d-%d; first request itself %d ms)%n",
          variant,
          runs,
          median[0],
          median[1],
          results.get(0)[1],
          results.get(results.size() - 1)[1],
          median[1] - median[0]);
    }
  }

  private static Process start(Settings settings, String classpath, int port, List<String> flags)
      throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of("java", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto"));
    command.addAll(flags);
    command.addAll(
        List.of(
            "-cp",
            classpath,
            "com.google.cloud.functions.invoker.runner.Invoker",
            "--target",
            "com.utalk.functions.messaging.WhatsAppInboundWebhook",
            "--port",
            Integer.toString(port)));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Map<String, String> env = builder.environment();
    for (String key :
        List.of(
            "GOOGLE_CLOUD_PROJECT",
            "FIRESTORE_EMULATOR_HOST",
            "PUBSUB_EMULATOR_HOST",
            "PUBLIC_BASE_URL",
            "TWILIO_ACCOUNT_SID",
            "TWILIO_AUTH_TOKEN",
            "TWILIO_API_BASE_URL")) {
      settings.find(key).ifPresent(value -> env.put(key, value));
    }
    env.put("LOG_LEVEL", "warn");
    return builder.start();
  }

  private static long waitForPort(int port, long started) throws InterruptedException {
    while (true) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 50);
        return (System.nanoTime() - started) / 1_000_000;
      } catch (IOException e) {
        Thread.sleep(5);
      }
    }
  }

  private static long firstSuccessfulWebhook(
      int port, TwilioAccount account, PhoneNumber to, String publicBaseUrl, long started)
      throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    while (true) {
      InboundWebhook webhook =
          InboundWebhook.text(account, PhoneNumber.parse("+5215500000999"), to, "cold start");
      String body =
          webhook.params().entrySet().stream()
              .map(
                  e ->
                      URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                          + "="
                          + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
              .collect(Collectors.joining("&"));
      HttpRequest request =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + InboundWebhook.PATH))
              .timeout(Duration.ofSeconds(30))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .header("X-Twilio-Signature", webhook.signature(publicBaseUrl))
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build();
      try {
        if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return (System.nanoTime() - started) / 1_000_000;
        }
      } catch (IOException e) {
        // not up yet
      }
      Thread.sleep(5);
    }
  }

  /**
   * The built jar, not target/classes: a class-data archive only covers class paths made of jars
   * (the JVM refuses a non-empty directory in them), which is also how a deployment ships.
   */
  private static Path functionsJar(Path root) throws IOException {
    try (var jars = Files.list(root.resolve("functions/target"))) {
      return jars.filter(
              p -> p.getFileName().toString().matches("utalk-functions-.*(?<!-tests)\\.jar"))
          .findFirst()
          .orElseThrow(
              () ->
                  new IllegalStateException(
                      "functions/target has no jar: build with mvn install first"));
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
