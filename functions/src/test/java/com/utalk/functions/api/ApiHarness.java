package com.utalk.functions.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.firestore.Firestore;
import com.utalk.auth.AuthModule;
import com.utalk.auth.Role;
import com.utalk.auth.users.User;
import com.utalk.config.Settings;
import com.utalk.functions.testing.FunctionServer;
import com.utalk.json.Json;
import com.utalk.testing.TestEnvironment;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The API function in the invoker on a fresh emulator project, plus what tests need around it: JSON
 * requests, users to sign in as, and an {@link AuthModule} on the same project and clock.
 */
public final class ApiHarness implements AutoCloseable {
  public static final String SECRET = "test-jwt-secret-0123456789-abcdefghijklmnopqrstuv";

  public final TestEnvironment env;
  public final AuthModule auth;
  private final FunctionServer server;
  private final Map<String, String> settings;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private ApiHarness(TestEnvironment env, Map<String, String> settings, FunctionServer server) {
    this.env = env;
    this.settings = settings;
    this.server = server;
    this.auth = new AuthModule(Settings.of(settings), env.firestore(), TestClock.SHARED);
  }

  public static ApiHarness start() {
    return start(Map.of());
  }

  /** Starts {@link ClockedApiFunction}; {@code extra} settings win over the defaults. */
  public static ApiHarness start(Map<String, String> extra) {
    TestClock.SHARED.reset();
    TestEnvironment env = TestEnvironment.create();
    warmUp(env);
    Map<String, String> settings = defaults(env);
    settings.putAll(extra);
    return new ApiHarness(env, settings, FunctionServer.http(ClockedApiFunction.class, settings));
  }

  /**
   * The first call of a fresh client on a busy emulator can be slow; let it happen outside the 8 s
   * budget.
   */
  private static void warmUp(TestEnvironment env) {
    try {
      env.firestore()
          .collection("_warmup")
          .document("probe")
          .get()
          .get(60, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("Firestore emulator unreachable", e);
    }
  }

  private static final java.nio.file.Path MEDIA_DIR = mediaDir();

  private static java.nio.file.Path mediaDir() {
    try {
      return java.nio.file.Files.createTempDirectory("utalk-api-media");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public static Map<String, String> defaults(TestEnvironment env) {
    Map<String, String> settings = new HashMap<>();
    settings.put("GOOGLE_CLOUD_PROJECT", env.project().projectId());
    settings.put("FIRESTORE_EMULATOR_HOST", env.project().firestoreEmulatorHost());
    settings.put("PUBSUB_EMULATOR_HOST", env.project().pubsubEmulatorHost());
    settings.put("APP_ENV", "development");
    settings.put("LOG_LEVEL", "warn");
    settings.put("JWT_SECRET", SECRET);
    settings.put("JWT_KEY_CACHE_SECONDS", "0");
    // media on the local stack's filesystem store: signed URLs without cloud credentials
    settings.put("MEDIA_STORE", "local");
    settings.put("MEDIA_LOCAL_DIR", MEDIA_DIR.toString());
    settings.put("MEDIA_URL_SIGNING_KEY", "api-test-media-signing-key-0123456789");
    settings.put("PUBLIC_BASE_URL", "http://127.0.0.1:1");
    return settings;
  }

  public Firestore firestore() {
    return env.firestore();
  }

  public String url(String path) {
    return server.url(path);
  }

  /**
   * A user with password {@code password-<role>-123}. The argon2id hash of each role's password is
   * computed once per JVM: hashing is deliberately slow, and tests create many users.
   */
  public User user(String workspaceId, Role role, String email) {
    User user =
        new User(
            UUID.randomUUID().toString(),
            email.trim().toLowerCase(java.util.Locale.ROOT),
            "Test " + role.wire(),
            role,
            workspaceId,
            TestClock.SHARED.instant(),
            false);
    auth.users()
        .create(
            user,
            HASHES.computeIfAbsent(role, r -> auth.hasher().hash(passwordFor(r).toCharArray())),
            tx -> {});
    return user;
  }

  private static final Map<Role, String> HASHES = new java.util.concurrent.ConcurrentHashMap<>();

  public static String passwordFor(Role role) {
    return "password-" + role.wire() + "-123";
  }

  /** A new user of {@code role} in {@code workspaceId}, signed in: its access token. */
  public String signedIn(String workspaceId, Role role, String email) {
    return login(user(workspaceId, role, email).email(), passwordFor(role));
  }

  /** Signs in through the API and returns the access token. */
  public String login(String email, String password) {
    Response response = post("/api/auth/login", null, Map.of("email", email, "password", password));
    if (response.status() != 200) {
      throw new IllegalStateException("login failed: " + response);
    }
    return response.json().path("accessToken").asText();
  }

  public Response get(String path, String token) {
    return send("GET", path, token, null, Map.of());
  }

  public Response post(String path, String token, Object body) {
    return send("POST", path, token, body, Map.of());
  }

  public Response put(String path, String token, Object body) {
    return send("PUT", path, token, body, Map.of());
  }

  public Response send(
      String method, String path, String token, Object body, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(20));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    headers.forEach(request::header);
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      byte[] bytes = body instanceof byte[] raw ? raw : Json.writeBytes(body);
      if (!headers.containsKey("Content-Type")) {
        request.header("Content-Type", "application/json");
      }
      request.method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
    }
    HttpRequest built = request.build();
    try {
      HttpResponse<String> response;
      try {
        response = http.send(built, HttpResponse.BodyHandlers.ofString());
      } catch (java.io.IOException stale) {
        // A pooled keep-alive connection the server had just closed: the request never reached it.
        if (!String.valueOf(stale.getMessage()).contains("received no bytes")) {
          throw stale;
        }
        response = http.send(built, HttpResponse.BodyHandlers.ofString());
      }
      return new Response(response.statusCode(), response.body(), response);
    } catch (Exception e) {
      throw new IllegalStateException(method + " " + path + " failed", e);
    }
  }

  /** Status, body, and the JSON view of the body. */
  public record Response(int status, String body, HttpResponse<String> raw) {
    public JsonNode json() {
      return body.isEmpty()
          ? Json.object()
          : Json.read(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  @Override
  public void close() throws Exception {
    server.close();
    settings.keySet().forEach(System::clearProperty);
    TestClock.SHARED.reset();
    env.close();
  }
}
