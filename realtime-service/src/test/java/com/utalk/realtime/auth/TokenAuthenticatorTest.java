package com.utalk.realtime.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.utalk.auth.AuthModule;
import com.utalk.auth.Role;
import com.utalk.json.Json;
import com.utalk.metrics.Metrics;
import com.utalk.realtime.socketio.AuthResult;
import com.utalk.realtime.socketio.Handshake;
import com.utalk.testing.TestEnvironment;
import com.utalk.versions.ApiVersions;
import com.utalk.versions.VersionPolicy;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CONNECT check as the engine hands it a handshake: which API version the front end named (auth
 * field first, else the header), and what a malformed one gets.
 */
class TokenAuthenticatorTest {
  private static TestEnvironment env;
  private static AuthModule auth;
  private static TokenAuthenticator authenticator;

  @BeforeAll
  static void start() {
    env = TestEnvironment.create();
    auth =
        new AuthModule(
            env.settings(Map.of("JWT_SECRET", "token-authenticator-test-secret-0123456789")),
            env.firestore(),
            Clock.systemUTC());
    authenticator =
        new TokenAuthenticator(
            auth.verifier(),
            Metrics.get().sockets(),
            Runnable::run,
            new VersionPolicy(Clock.systemUTC()));
  }

  @AfterAll
  static void stop() throws Exception {
    env.close();
  }

  private static AuthResult decide(ObjectNode handshakeAuth, Map<String, String> headers)
      throws Exception {
    return authenticator
        .authenticate(Handshake.of(handshakeAuth, Map.of(), headers))
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }

  private static ObjectNode withToken() {
    return Json.mapper()
        .createObjectNode()
        .put("token", auth.issuer().issue("agent-t", Role.AGENT, "ws-test").value());
  }

  @Test
  void anApiVersionThatIsNotAStringIsRefusedSayingSo() throws Exception {
    AuthResult result = decide(withToken().put(ApiVersions.HANDSHAKE_FIELD, 12), Map.of());
    assertEquals(
        "validation_failed: auth.apiVersion must be a string such as v1.2",
        assertInstanceOf(AuthResult.Rejected.class, result).message());
  }

  @Test
  void withoutTheAuthFieldTheHeaderNamesTheVersion() throws Exception {
    AuthResult unknown = decide(withToken(), Map.of(ApiVersions.HEADER, "v9.9"));
    assertTrue(
        assertInstanceOf(AuthResult.Rejected.class, unknown)
            .message()
            .startsWith("validation_failed: X-API-Version must be one of "),
        unknown.toString());

    ObjectNode nullVersion = withToken().putNull(ApiVersions.HANDSHAKE_FIELD);
    AuthResult current = decide(nullVersion, Map.of());
    SocketPrincipal principal =
        assertInstanceOf(
            SocketPrincipal.class,
            assertInstanceOf(AuthResult.Accepted.class, current).principal());
    assertEquals("agent-t", principal.getName());
    assertEquals(ApiVersions.resolve(null), principal.apiVersion(), "none named: the current one");
  }

  @Test
  void noTokenOrABadOneIsUnauthorized() throws Exception {
    assertEquals(
        "unauthorized",
        assertInstanceOf(
                AuthResult.Rejected.class, decide(Json.mapper().createObjectNode(), Map.of()))
            .message());
    assertEquals(
        "unauthorized",
        assertInstanceOf(
                AuthResult.Rejected.class,
                decide(Json.mapper().createObjectNode().put("token", "not-a-jwt"), Map.of()))
            .message());
  }
}
