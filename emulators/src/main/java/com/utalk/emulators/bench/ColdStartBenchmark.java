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
 * Cold start of the webhook function: a new JVM running the Functions Framework invoker, timed
 * from process start to (a) its port accepting connections and (b) the first 200 for a signed
 * webhook. The gap between the two is what our first request pays (class loading, Firestore and
 * Pub/Sub client set-up, first RPCs). Needs the local stack's emulators and demo workspace.
 */
public final class ColdStartBenchmark {
  public static void main(String[] args) throws Exception {
    Settings settings = Settings.fromEnvironment();
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    Path root = Path.of(settings.get("UTALK_REPO_ROOT", "."));
    String classpath =
        root.resolve("functions/target/classes") + ":" + Files.readString(root.resolve("functions/target/runtime-classpath.txt")).trim()
            + ":" + Files.readString(root.resolve("emulators/target/runtime-classpath.txt")).trim();
    TwilioAccount account = new TwilioAccount(settings.require("TWILIO_ACCOUNT_SID"), settings.require("TWILIO_AUTH_TOKEN"));
    PhoneNumber to = PhoneNumber.parse(settings.get("WHATSAPP_NUMBER", "+14155238886"));
    List<long[]> results = new ArrayList<>();
    for (int run = 0; run < runs; run++) {
      int port = freePort();
      ProcessBuilder builder =
          new ProcessBuilder(
                  "java", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classpath,
                  "com.google.cloud.functions.invoker.runner.Invoker",
                  "--target", "com.utalk.functions.messaging.WhatsAppInboundWebhook", "--port", Integer.toString(port))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD);
      Map<String, String> env = builder.environment();
      for (String key : List.of("GOOGLE_CLOUD_PROJECT", "FIRESTORE_EMULATOR_HOST", "PUBSUB_EMULATOR_HOST", "PUBLIC_BASE_URL",
          "TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_API_BASE_URL")) {
        settings.find(key).ifPresent(value -> env.put(key, value));
      }
      env.put("LOG_LEVEL", "warn");
      long started = System.nanoTime();
      Process process = builder.start();
      try {
        long portOpen = waitForPort(port, started);
        long firstOk = firstSuccessfulWebhook(port, account, to, settings.get("PUBLIC_BASE_URL", "http://127.0.0.1:8080"), started);
        results.add(new long[] {portOpen, firstOk});
        System.out.printf("run %d: port open %d ms, first 200 %d ms%n", run + 1, portOpen, firstOk);
      } finally {
        process.destroyForcibly().waitFor();
      }
    }
    results.sort((a, b) -> Long.compare(a[1], b[1]));
    long[] median = results.get(results.size() / 2);
    System.out.printf("median of %d: port open %d ms, first 200 %d ms (first request itself %d ms)%n",
        runs, median[0], median[1], median[1] - median[0]);
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

  private static long firstSuccessfulWebhook(int port, TwilioAccount account, PhoneNumber to, String publicBaseUrl, long started)
      throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    while (true) {
      InboundWebhook webhook = InboundWebhook.text(account, PhoneNumber.parse("+5215500000999"), to, "cold start");
      String body = webhook.params().entrySet().stream()
          .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
          .collect(Collectors.joining("&"));
      HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + InboundWebhook.PATH))
          .timeout(Duration.ofSeconds(30))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .header("X-Twilio-Signature", webhook.signature(publicBaseUrl))
          .POST(HttpRequest.BodyPublishers.ofString(body)).build();
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

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
