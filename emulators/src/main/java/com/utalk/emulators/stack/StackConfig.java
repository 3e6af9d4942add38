package com.utalk.emulators.stack;

import com.utalk.auth.users.DemoUsers;
import com.utalk.config.Settings;
import com.utalk.emulators.seed.DemoSeed;
import com.utalk.emulators.twilio.TwilioAccount;
import com.utalk.gcp.GcpProject;
import com.utalk.media.LocalMediaStore;
import com.utalk.platform.FunctionCatalog;
import com.utalk.platform.FunctionSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where everything of the local stack lives: fixed ports and credentials by default (so that {@code
 * emulators/dev env} is stable), each port overridable with a {@code UTALK_*} variable. The project
 * id is fixed: a GOOGLE_CLOUD_PROJECT left in a developer's shell must never make the local stack
 * talk about a real project.
 */
public record StackConfig(
    Path repoRoot,
    String host,
    String projectId,
    int gatewayPort,
    int twilioPort,
    int firestorePort,
    int pubsubPort,
    int firstFunctionPort,
    TwilioAccount twilio,
    String whatsappNumber,
    String publicBaseUrl,
    Duration startTimeout,
    String serviceJvmOptions,
    int realtimePort,
    Path runDir,
    String functionsHostJvmOptions,
    String firestoreDatabase) {

  public static final String PROJECT_ID = "utalk-local";

  /**
   * Local only (32+ bytes, as start-up demands); rotated versions live in Firestore `signingKeys`.
   */
  public static final String LOCAL_JWT_SECRET = "utalk-local-development-jwt-secret-0001";

  public static StackConfig from(Settings settings) {
    String host = "127.0.0.1";
    int gatewayPort = settings.getInt("UTALK_GATEWAY_PORT", 8080);
    Path repoRoot = Path.of(settings.get("UTALK_REPO_ROOT", ".")).toAbsolutePath().normalize();
    return new StackConfig(
        repoRoot,
        host,
        PROJECT_ID,
        gatewayPort,
        settings.getInt("UTALK_TWILIO_STANDIN_PORT", 8790),
        settings.getInt("UTALK_FIRESTORE_PORT", 8780),
        settings.getInt("UTALK_PUBSUB_PORT", 8785),
        settings.getInt("UTALK_FIRST_FUNCTION_PORT", 8801),
        TwilioAccount.LOCAL,
        DemoSeed.WHATSAPP_NUMBER,
        "http://" + host + ":" + gatewayPort,
        Duration.ofSeconds(settings.getInt("UTALK_START_TIMEOUT_SECONDS", 120)),
        // Small heaps, serial GC and C1 only: half a dozen JVMs start quickly side by side on 2
        // cores.
        withExtra(
            settings.get(
                "UTALK_SERVICE_JVM_OPTS",
                "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k"),
            settings),
        settings.getInt("UTALK_REALTIME_PORT", 8090),
        // A second stack (a test's) keeps its state, logs and media apart from a developer's.
        Path.of(
                settings.get(
                    "UTALK_RUN_DIR", repoRoot.resolve("emulators").resolve(".run").toString()))
            .toAbsolutePath()
            .normalize(),
        withExtra(
            settings.get("UTALK_FUNCTIONS_HOST_JVM_OPTS", "-Xmx512m -XX:+UseSerialGC -Xss512k"),
            settings),
        // A disaster-recovery rehearsal serves from the database it restored into, as the cloud
        // would.
        settings.get("UTALK_FIRESTORE_DATABASE", GcpProject.DEFAULT_DATABASE));
  }

  /** Signs the local stack's media URLs: fixed and obviously fake, like the local Twilio token. */
  public static final String LOCAL_MEDIA_SIGNING_KEY = "local-media-url-signing-key-not-a-secret";

  /** UTALK_EXTRA_JVM_OPTS goes to every JVM of the stack (a test's coverage agent, a profiler). */
  private static String withExtra(String options, Settings settings) {
    return (options + " " + settings.get("UTALK_EXTRA_JVM_OPTS", "")).trim();
  }

  public Path mediaDir() {
    return runDir().resolve("media");
  }

  /** The stack's media folder, as the functions and the gateway see it (MEDIA_STORE=local). */
  public LocalMediaStore mediaStore() {
    return new LocalMediaStore(
        mediaDir(),
        LOCAL_MEDIA_SIGNING_KEY.getBytes(StandardCharsets.UTF_8),
        publicBaseUrl,
        Clock.systemUTC());
  }

  /** The local stand-in for the backups bucket. */
  public Path backupDir() {
    return runDir().resolve("backups");
  }

  /** Where copies of the project's classes/jars live while a stack runs on them. */
  public Path snapshotDir() {
    return runDir().resolve("classpath");
  }

  public Path logDir() {
    return runDir().resolve("logs");
  }

  public String gatewayUrl() {
    return "http://" + host + ":" + gatewayPort;
  }

  /**
   * The realtime service, reached directly: the gateway proxies plain HTTP only, and the front end
   * connects its socket.io-client to this URL (in the cloud, the Cloud Run service's own URL).
   */
  public String realtimeUrl() {
    return "http://" + host + ":" + realtimePort;
  }

  public String twilioBaseUrl() {
    return "http://" + host + ":" + twilioPort;
  }

  public String firestoreHost() {
    return host + ":" + firestorePort;
  }

  public String pubsubHost() {
    return host + ":" + pubsubPort;
  }

  public GcpProject gcpProject() {
    return new GcpProject(projectId, firestoreDatabase, firestoreHost(), pubsubHost());
  }

  /** The catalog's position decides the port, so a new function gets the next one automatically. */
  public int functionPort(FunctionSpec function) {
    int index = FunctionCatalog.FUNCTIONS.indexOf(function);
    if (index < 0) {
      throw new IllegalArgumentException(function.name() + " is not in FunctionCatalog");
    }
    return firstFunctionPort + index;
  }

  /**
   * Where a function process serves its own /metrics (METRICS_PORT), scraped by the gateway's
   * /metrics.
   */
  public int metricsPort(FunctionSpec function) {
    return functionPort(function) + 100;
  }

  /**
   * What a developer or a test process needs to talk to the running stack ({@code emulators/dev
   * env}).
   */
  public Map<String, String> clientEnv() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("GATEWAY_URL", gatewayUrl());
    env.put("REALTIME_URL", realtimeUrl());
    env.put("GOOGLE_CLOUD_PROJECT", projectId);
    env.put("FIRESTORE_EMULATOR_HOST", firestoreHost());
    env.put("FIRESTORE_DATABASE", firestoreDatabase);
    env.put("PUBSUB_EMULATOR_HOST", pubsubHost());
    env.put("TWILIO_ACCOUNT_SID", twilio.accountSid());
    env.put("TWILIO_AUTH_TOKEN", twilio.authToken());
    env.put("TWILIO_API_BASE_URL", twilioBaseUrl());
    env.put("WHATSAPP_NUMBER", whatsappNumber);
    env.put("PUBLIC_BASE_URL", publicBaseUrl);
    for (DemoUsers.Credential user : DemoUsers.credentials()) {
      env.put(user.envPrefix() + "_EMAIL", user.email());
      env.put(user.envPrefix() + "_PASSWORD", user.password());
    }
    return env;
  }

  /**
   * The environment of a service process, as Cloud Run / Cloud Functions would give it (K_SERVICE,
   * PORT).
   */
  public Map<String, String> serviceEnv(String serviceName, int port) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("GOOGLE_CLOUD_PROJECT", projectId);
    env.put("FIRESTORE_EMULATOR_HOST", firestoreHost());
    env.put("FIRESTORE_DATABASE", firestoreDatabase);
    env.put("PUBSUB_EMULATOR_HOST", pubsubHost());
    env.put("APP_ENV", "development");
    env.put("PUBLIC_BASE_URL", publicBaseUrl);
    env.put("TWILIO_ACCOUNT_SID", twilio.accountSid());
    env.put("TWILIO_AUTH_TOKEN", twilio.authToken());
    env.put("TWILIO_API_BASE_URL", twilioBaseUrl());
    env.put("JWT_SECRET", LOCAL_JWT_SECRET);
    // Media in a folder of the stack, behind URLs the gateway verifies; downloads only from Twilio
    // or its stand-in.
    env.put("MEDIA_STORE", "local");
    env.put("MEDIA_LOCAL_DIR", mediaDir().toString());
    env.put("MEDIA_URL_SIGNING_KEY", LOCAL_MEDIA_SIGNING_KEY);
    env.put("MEDIA_EXTRA_ALLOWED_ORIGINS", twilioBaseUrl());
    env.put("BACKUP_STORE", "local");
    env.put("BACKUP_LOCAL_DIR", backupDir().toString());
    env.put("K_SERVICE", serviceName);
    env.put("SERVICE_NAME", serviceName);
    env.put("PORT", Integer.toString(port));
    return env;
  }
}
