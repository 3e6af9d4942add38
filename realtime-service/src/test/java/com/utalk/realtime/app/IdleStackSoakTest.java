package com.utalk.realtime.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.utalk.auth.Role;
import com.utalk.auth.users.DemoUsers;
import com.utalk.emulators.seed.DemoSeed;
import com.utalk.emulators.twilio.InboundWebhook;
import com.utalk.emulators.twilio.TwilioAccount;
import com.utalk.functions.testing.StackUnderTest;
import com.utalk.json.Json;
import com.utalk.messaging.PhoneNumber;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The local stack as {@code emulators/dev up} runs it (its own emulators, every function, the
 * bridge, the realtime service), left idle past the point where the Pub/Sub emulator's streaming
 * pulls used to go stale (the client closes an unanswered stream after 20-50 s), then sent customer
 * messages: every one must reach the agent's socket, be answered by the bot, and that answer must
 * reach the Twilio stand-in, each within a stated bound.
 *
 * <p>The bounds are generous for a loaded 2-core CI machine (the median on a quiet one is tens of
 * milliseconds); what they rule out is the failure they replace: events lost, or seconds to minutes
 * late after an idle period.
 */
class IdleStackSoakTest {
  /** Longer than the emulator's idle stream lifetime, so that the old failure would show. */
  private static final Duration IDLE = Duration.ofSeconds(75);

  private static final int MESSAGES = 20;
  private static final Duration BETWEEN_MESSAGES = Duration.ofMillis(200);

  /** Webhook accepted -> message:new on the agent's socket. */
  private static final Duration SOCKET_BOUND = Duration.ofSeconds(5);

  /** Webhook accepted -> the bot's answer accepted by the Twilio stand-in (two Pub/Sub hops). */
  private static final Duration BOT_SEND_BOUND = Duration.ofSeconds(15);

  private static final Duration START_BOUND = Duration.ofSeconds(150);

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static Process stack;
  private static Path runDir;
  private static String gatewayUrl;
  private static String realtimeUrl;
  private static String twilioUrl;

  @BeforeAll
  static void startTheStack() throws Exception {
    runDir = Files.createTempDirectory("utalk-soak-stack");
    int functionsBase = Emulators.freeFunctionPortRange(40);
    int gatewayPort = Emulators.freeStackPort();
    int realtimePort = Emulators.freeStackPort();
    int twilioPort = Emulators.freeStackPort();
    gatewayUrl = "http://127.0.0.1:" + gatewayPort;
    realtimeUrl = "http://127.0.0.1:" + realtimePort;
    twilioUrl = "http://127.0.0.1:" + twilioPort;
    Map<String, String> env = new LinkedHashMap<>();
    env.put("UTALK_REPO_ROOT", Path.of("..").toAbsolutePath().normalize().toString());
    env.put("UTALK_RUN_DIR", runDir.toString());
    env.put("UTALK_GATEWAY_PORT", Integer.toString(gatewayPort));
    env.put("UTALK_REALTIME_PORT", Integer.toString(realtimePort));
    env.put("UTALK_TWILIO_STANDIN_PORT", Integer.toString(twilioPort));
    env.put("UTALK_FIRESTORE_PORT", Integer.toString(Emulators.freeStackPort()));
    env.put("UTALK_PUBSUB_PORT", Integer.toString(Emulators.freeStackPort()));
    env.put("UTALK_FIRST_FUNCTION_PORT", Integer.toString(functionsBase));
    env.put("UTALK_START_TIMEOUT_SECONDS", Long.toString(START_BOUND.toSeconds()));
    env.put("UTALK_EXTRA_JVM_OPTS", ChildJvm.coverageAgentOption());
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-XX:+UseSerialGC"));
    command.addAll(ChildJvm.coverageAgent());
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            "com.utalk.emulators.stack.DevCli",
            "up"));
    ProcessBuilder launcher =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(runDir.resolve("launcher.log").toFile());
    launcher
        .environment()
        .keySet()
        .removeIf(key -> key.endsWith("_EMULATOR_HOST") || key.equals("GOOGLE_CLOUD_PROJECT"));
    launcher.environment().putAll(env);
    stack = launcher.start();
    long deadline = System.nanoTime() + START_BOUND.toNanos();
    while (!Files.readString(stateFileOr()).contains("\"phase\":\"ready\"")) {
      if (!stack.isAlive() || System.nanoTime() > deadline) {
        fail(
            "the local stack did not come up; launcher log:\n"
                + tail(runDir.resolve("launcher.log")));
      }
      Thread.sleep(250);
    }
  }

  @AfterAll
  static void stopTheStack() throws Exception {
    if (stack != null) {
      stack.destroy(); // SIGTERM: the launcher's shutdown hook stops every process it started
      if (!stack.waitFor(40, TimeUnit.SECONDS)) {
        stack.destroyForcibly();
      }
    }
  }

  @Test
  void afterSittingIdleEveryMessageReachesTheAgentAndIsAnsweredByTheBotOnTime() throws Exception {
    // Before any client: the gauge is there at 0, so a dashboard shows 0 rather than "no data".
    assertTrue(
        get(realtimeUrl + "/metrics")
            .lines()
            .anyMatch(
                line ->
                    line.startsWith("socket_connections_active")
                        && Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)) == 0),
        "socket_connections_active 0 is reported before the first connection");
    DemoUsers.Credential admin =
        DemoUsers.credentials().stream()
            .filter(c -> c.role() == Role.ADMIN)
            .findFirst()
            .orElseThrow();
    try (AgentClient agent = AgentClient.connect(realtimeUrl, login(admin))) {
      Thread.sleep(IDLE.toMillis());

      List<InboundWebhook> sent = new ArrayList<>();
      List<Long> acceptedAt = new ArrayList<>();
      for (int i = 0; i < MESSAGES; i++) {
        PhoneNumber customer =
            PhoneNumber.parse(
                "+52155" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999)));
        InboundWebhook webhook =
            InboundWebhook.text(
                TwilioAccount.LOCAL,
                customer,
                PhoneNumber.parse(DemoSeed.WHATSAPP_NUMBER),
                "hola, ¿tienen envío? " + i);
        HttpResponse<String> response = post(webhook);
        assertEquals(200, response.statusCode(), response.body());
        acceptedAt.add(System.nanoTime());
        sent.add(webhook);
        Thread.sleep(BETWEEN_MESSAGES.toMillis());
      }

      for (int i = 0; i < MESSAGES; i++) {
        String sid = sent.get(i).messageSid();
        Duration left = remaining(acceptedAt.get(i), SOCKET_BOUND);
        JsonNode event =
            agent.awaitEvent(
                "message:new", e -> e.path("data").path("twilioSid").asText().equals(sid), left);
        assertEquals(sent.get(i).body(), event.path("data").path("body").asText());
      }

      Set<String> answered = new HashSet<>();
      long lastAccepted = acceptedAt.get(MESSAGES - 1);
      while (answered.size() < MESSAGES
          && System.nanoTime() - lastAccepted < BOT_SEND_BOUND.toNanos()) {
        for (JsonNode send :
            Json.read(
                    get(twilioUrl + "/_standin/sends")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .path("sends")) {
          answered.add(send.path("to").asText());
        }
        Thread.sleep(200);
      }
      List<String> unanswered =
          sent.stream()
              .map(w -> "whatsapp:" + w.from().e164())
              .filter(to -> !answered.contains(to))
              .toList();
      assertTrue(
          unanswered.isEmpty(),
          "no bot answer reached Twilio within "
              + BOT_SEND_BOUND.toSeconds()
              + " s for "
              + unanswered);
    }
    // One JVM hosts every function, yet each keeps its own log, with its own service name.
    for (String function :
        List.of("whatsapp-inbound-webhook", "bot-replier", "outbound-message-sender")) {
      List<String> lines = Files.readAllLines(runDir.resolve("logs").resolve(function + ".log"));
      assertTrue(
          !lines.isEmpty()
              && lines.stream().allMatch(line -> line.contains("\"service\":\"" + function + "\"")),
          function + ".log holds that function's lines only");
    }
  }

  private static Duration remaining(long startNanos, Duration bound) {
    long left = bound.toNanos() - (System.nanoTime() - startNanos);
    return Duration.ofNanos(Math.max(left, 1_000_000));
  }

  private static String login(DemoUsers.Credential user) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(gatewayUrl + "/api/auth/login"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        Json.write(Map.of("email", user.email(), "password", user.password()))))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    return Json.read(response.body().getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .path("accessToken")
        .asText();
  }

  private static HttpResponse<String> post(InboundWebhook webhook) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(gatewayUrl + InboundWebhook.PATH))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("X-Twilio-Signature", webhook.signature(gatewayUrl))
            .POST(HttpRequest.BodyPublishers.ofString(StackUnderTest.encode(webhook.params())))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String get(String url) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static Path stateFileOr() throws IOException {
    Path state = runDir.resolve("stack.json");
    return Files.exists(state) ? state : Files.writeString(runDir.resolve("empty.json"), "{}");
  }

  private static String tail(Path file) {
    try {
      List<String> lines = Files.readAllLines(file);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }
}
