package com.utalk.auth.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.utalk.auth.Principal;
import com.utalk.auth.Role;
import com.utalk.auth.keys.SigningKey;
import com.utalk.auth.keys.SigningKeys;
import com.utalk.errors.UnauthenticatedException;
import com.utalk.logging.Log;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * Turns a bearer token into a {@link Principal} or a 401. Only HS256 with a known, still-valid key
 * version is accepted; everything else (alg none, other algorithms, unknown kid, a version past its
 * grace, bad signature, expiry, missing claims) is refused. The REST API and the realtime service
 * both verify through this class.
 */
public final class AccessTokenVerifier {
  private static final Log LOG = Log.get(AccessTokenVerifier.class);

  /** Tolerated clock difference between instances for iat. */
  private static final Duration SKEW = Duration.ofSeconds(60);

  private static final int MAX_TOKEN_LENGTH = 4096;

  private final SigningKeys keys;
  private final TokenRevocations revocations;
  private final Clock clock;

  public AccessTokenVerifier(SigningKeys keys, TokenRevocations revocations, Clock clock) {
    this.keys = keys;
    this.revocations = revocations;
    this.clock = clock;
  }

  /**
   * Tolerated clock difference between instances; an entry of {@link TokenRevocations} must outlive
   * a token by this much.
   */
  public static Duration skew() {
    return SKEW;
  }

  /**
   * A verified token: who it names, and until when it may be used (the realtime service disconnects
   * then).
   */
  public record Verified(Principal principal, Instant expiresAt) {}

  public Principal verify(String token) {
    return verifyUntil(token).principal();
  }

  public Verified verifyUntil(String token) {
    if (token == null || token.isBlank() || token.length() > MAX_TOKEN_LENGTH) {
      throw invalid("missing or oversized token");
    }
    SignedJWT jwt;
    try {
      jwt = SignedJWT.parse(token.trim());
    } catch (ParseException | IllegalArgumentException e) {
      // includes unsecured ("alg": "none") tokens, which are not JWS objects
      throw invalid("not a signed JWT");
    }
    if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
      throw invalid("algorithm " + jwt.getHeader().getAlgorithm() + " is not accepted");
    }
    String kid = jwt.getHeader().getKeyID();
    Optional<SigningKey> key = kid == null ? Optional.empty() : keys.verificationKey(kid);
    if (key.isEmpty()) {
      throw invalid("unknown or retired key id");
    }
    try {
      if (!jwt.verify(new MACVerifier(key.get().secret()))) {
        throw invalid("bad signature");
      }
    } catch (JOSEException e) {
      throw invalid("signature cannot be checked");
    }
    return principalOf(jwt);
  }

  private Verified principalOf(SignedJWT jwt) {
    JWTClaimsSet claims;
    try {
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      throw invalid("unreadable claims");
    }
    Instant now = clock.instant();
    Date exp = claims.getExpirationTime();
    Date iat = claims.getIssueTime();
    if (exp == null || iat == null) {
      throw invalid("exp and iat are required");
    }
    if (!now.isBefore(exp.toInstant())) {
      throw new UnauthenticatedException(
          "token_expired", "the access token has expired; refresh it");
    }
    if (iat.toInstant().isAfter(now.plus(SKEW))) {
      throw invalid("issued in the future");
    }
    String uid = claims.getSubject();
    String workspaceId = stringClaim(claims, Claims.WORKSPACE);
    Optional<Role> role = Role.find(stringClaim(claims, Claims.ROLE));
    if (uid == null
        || uid.isBlank()
        || workspaceId == null
        || workspaceId.isBlank()
        || role.isEmpty()
        || claims.getJWTID() == null) {
      throw invalid("sub, role, wid and jti are required");
    }
    if (revocations.revoked(uid)) {
      LOG.info("access token refused", "reason", "user disabled", "uid", uid);
      throw accountDisabled();
    }
    return new Verified(
        new Principal(uid, role.get(), workspaceId, claims.getJWTID()), exp.toInstant());
  }

  private static String stringClaim(JWTClaimsSet claims, String name) {
    Object value = claims.getClaim(name);
    return value instanceof String text ? text : null;
  }

  /** The answer for a disabled account's token: the client should sign out. */
  public static UnauthenticatedException accountDisabled() {
    return new UnauthenticatedException(
        "account_disabled", "this account is disabled; ask an admin of your workspace");
  }

  private static UnauthenticatedException invalid(String reason) {
    // the reason goes to the log only: callers learn nothing about which check failed
    LOG.info("access token refused", "reason", reason);
    return new UnauthenticatedException("invalid_token", "the access token is invalid");
  }
}
