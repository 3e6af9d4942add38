package com.utalk.auth.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.JWSAlgorithm;
import com.utalk.auth.MutableClock;
import com.utalk.auth.Principal;
import com.utalk.auth.Role;
import com.utalk.auth.keys.InMemoryKeyRing;
import com.utalk.auth.keys.SigningKeys;
import com.utalk.errors.UnauthenticatedException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccessTokenVerifierTest {
  private static final String SECRET = "verifier-secret-0123456789-0123456789";
  private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T12:00:00Z"));
  private final SigningKeys keys =
      new SigningKeys(
          new InMemoryKeyRing(clock, SECRET),
          Duration.ofDays(90),
          Duration.ofDays(7),
          Duration.ofSeconds(60),
          clock);
  private final AccessTokenIssuer issuer =
      new AccessTokenIssuer(keys, Duration.ofMinutes(15), clock);
  private final AccessTokenVerifier verifier =
      new AccessTokenVerifier(keys, TokenRevocations.NONE, clock);

  @Test
  void issuedTokenCarriesTheContractClaims() {
    AccessToken token = issuer.issue("user-1", Role.OPERATOR, "ws-1");
    Map<String, Object> claims = Tokens.payloadOf(token.value());
    assertEquals("user-1", claims.get("sub"));
    assertEquals("operator", claims.get("role"));
    assertEquals("ws-1", claims.get("wid"));
    assertEquals(
        900, ((Number) claims.get("exp")).longValue() - ((Number) claims.get("iat")).longValue());
    assertEquals(token.jti(), claims.get("jti"));
    assertEquals("v1", Tokens.kidOf(token.value()));
    assertEquals(
        new Principal("user-1", Role.OPERATOR, "ws-1", token.jti()),
        verifier.verify(token.value()));
  }

  @Test
  void expiresAfterFifteenMinutes() {
    AccessToken token = issuer.issue("user-1", Role.AGENT, "ws-1");
    clock.advance(Duration.ofMinutes(15).minusSeconds(1));
    verifier.verify(token.value());
    clock.advance(Duration.ofSeconds(1));
    assertEquals(
        "token_expired",
        assertThrows(UnauthenticatedException.class, () -> verifier.verify(token.value())).code());
  }

  @Test
  void tamperedTokensAreRefused() {
    Instant now = clock.instant();
    byte[] key = InMemoryKeyRing.bytes(SECRET);
    String good = issuer.issue("user-1", Role.AGENT, "ws-1").value();
    refused(
        Tokens.algNone(
            "v1",
            Map.of(
                "sub",
                "user-1",
                "role",
                "admin",
                "wid",
                "ws-1",
                "jti",
                "x",
                "iat",
                now.getEpochSecond(),
                "exp",
                now.plusSeconds(600).getEpochSecond())));
    refused(
        Tokens.signed(
            JWSAlgorithm.HS256,
            "v1",
            InMemoryKeyRing.bytes("another-secret-0123456789-0123456789"),
            "user-1",
            "agent",
            "ws-1",
            now,
            now.plusSeconds(600)));
    refused(
        Tokens.signed(
            JWSAlgorithm.HS256, "v9", key, "user-1", "agent", "ws-1", now, now.plusSeconds(600)));
    refused(
        Tokens.signed(
            JWSAlgorithm.HS512,
            "v1",
            InMemoryKeyRing.bytes(SECRET + SECRET),
            "user-1",
            "agent",
            "ws-1",
            now,
            now.plusSeconds(600)));
    refused(Tokens.withClaim(good, "wid", "ws-2"));
    refused(Tokens.withClaim(good, "role", "admin"));
    refused(
        Tokens.signed(
            JWSAlgorithm.HS256,
            "v1",
            key,
            "user-1",
            "superuser",
            "ws-1",
            now,
            now.plusSeconds(600)));
    refused(
        Tokens.signed(
            JWSAlgorithm.HS256, "v1", key, "user-1", "agent", null, now, now.plusSeconds(600)));
    refused(Tokens.signed(JWSAlgorithm.HS256, "v1", key, "user-1", "agent", "ws-1", now, null));
    refused(
        Tokens.signed(
            JWSAlgorithm.HS256, null, key, "user-1", "agent", "ws-1", now, now.plusSeconds(600)));
    refused(
        Tokens.signed(
            JWSAlgorithm.HS256,
            "v1",
            key,
            "user-1",
            "agent",
            "ws-1",
            now.plusSeconds(3600),
            now.plusSeconds(7200)));
    refused("not.a.jwt");
    refused("");
    refused(null);
    refused("   ");
    refused("a".repeat(10_000));
    refused(
        Tokens.signed(
            JWSAlgorithm.HS256, "v1", key, null, "agent", "ws-1", now, now.plusSeconds(600)));
    refused(
        Tokens.signed(
            JWSAlgorithm.HS256, "v1", key, " ", "agent", "ws-1", now, now.plusSeconds(600)));
    refused(
        Tokens.signed(
            JWSAlgorithm.HS256, "v1", key, "user-1", "agent", " ", now, now.plusSeconds(600)));
    refused(
        Tokens.signed(
            JWSAlgorithm.HS256, "v1", key, "user-1", "agent", "ws-1", null, now.plusSeconds(600)));
    assertEquals(
        "token_expired",
        assertThrows(
                UnauthenticatedException.class,
                () ->
                    verifier.verify(
                        Tokens.signed(
                            JWSAlgorithm.HS256,
                            "v1",
                            key,
                            "user-1",
                            "agent",
                            "ws-1",
                            now.minusSeconds(1000),
                            now.minusSeconds(1))))
            .code());
  }

  private void refused(String token) {
    assertEquals(
        "invalid_token",
        assertThrows(UnauthenticatedException.class, () -> verifier.verify(token)).code(),
        token);
  }
}
