package com.utalk.functions.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.utalk.auth.Role;
import com.utalk.auth.keys.SecretManagerStub;
import com.utalk.auth.token.Tokens;
import com.utalk.auth.users.User;
import com.utalk.functions.api.ApiFunction;
import com.utalk.functions.api.ApiHarness;
import com.utalk.functions.testing.FunctionServer;
import com.utalk.testing.TestEnvironment;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cloud configuration (JWT_SECRET_NAME → Secret Manager) against a REST stand-in of Secret
 * Manager.
 */
class SecretManagerApiTest {
  private static SecretManagerStub secretManager;
  private static ApiHarness api;

  @BeforeAll
  static void start() throws Exception {
    secretManager = new SecretManagerStub("projects/utalk-test/secrets/jwt-signing-key");
    secretManager.add("secret-manager-version-one-0123456789abcdef", "2025-06-01T00:00:00Z");
    Map<String, String> cloud = new HashMap<>();
    cloud.put("JWT_SECRET", "");
    cloud.put("JWT_SECRET_NAME", secretManager.secretName);
    cloud.put("SECRET_MANAGER_ENDPOINT", secretManager.endpoint());
    cloud.put("APP_ENV", "production");
    api = ApiHarness.start(cloud);
  }

  @AfterAll
  static void stop() throws Exception {
    api.close();
    secretManager.close();
  }

  @Test
  void tokensAreSignedWithTheNewestSecretManagerVersion() {
    User user = api.user("ws-sm", Role.AGENT, "agent@sm.example.com");
    String token = api.login(user.email(), ApiHarness.passwordFor(Role.AGENT));
    assertEquals("sm-1", Tokens.kidOf(token));
    assertEquals(200, api.get("/api/auth/me", token).status());
    assertTrue(
        secretManager.calls.stream()
            .anyMatch(
                call ->
                    call.startsWith(
                        "GET /v1/projects/utalk-test/secrets/jwt-signing-key/versions")));
  }

  @Test
  void aTooShortVersionStopsStartUp() throws Exception {
    try (SecretManagerStub weak = new SecretManagerStub("projects/utalk-test/secrets/weak")) {
      weak.add("short", "2025-06-01T00:00:00Z");
      TestEnvironment env = api.env;
      Map<String, String> settings = new HashMap<>(ApiHarness.defaults(env));
      settings.put("JWT_SECRET", "");
      settings.put("JWT_SECRET_NAME", weak.secretName);
      settings.put("SECRET_MANAGER_ENDPOINT", weak.endpoint());
      settings.put("APP_ENV", "production");
      Throwable failure =
          assertThrows(
              IllegalStateException.class, () -> FunctionServer.http(ApiFunction.class, settings));
      StringBuilder chain = new StringBuilder();
      for (Throwable t = failure; t != null; t = t.getCause()) {
        chain.append(t.getMessage()).append(" | ");
      }
      assertTrue(chain.toString().contains("at least 32 bytes, got 5"), chain.toString());
    }
  }
}
