package com.utalk.auth.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.utalk.auth.Role;
import com.utalk.auth.keys.SigningKey;
import com.utalk.auth.keys.SigningKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.UUID;

/** Signs access tokens: HS256 with the newest secret version, kid in the header, short-lived. */
public final class AccessTokenIssuer {
  private final SigningKeys keys;
  private final Duration lifetime;
  private final Clock clock;

  public AccessTokenIssuer(SigningKeys keys, Duration lifetime, Clock clock) {
    this.keys = keys;
    this.lifetime = lifetime;
    this.clock = clock;
  }

  public AccessToken issue(String uid, Role role, String workspaceId) {
    SigningKey key = keys.signingKey();
    Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Instant expiresAt = issuedAt.plus(lifetime);
    String jti = UUID.randomUUID().toString();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .subject(uid)
            .claim(Claims.ROLE, role.wire())
            .claim(Claims.WORKSPACE, workspaceId)
            .issueTime(Date.from(issuedAt))
            .expirationTime(Date.from(expiresAt))
            .jwtID(jti)
            .build();
    JWSHeader header =
        new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.kid()).type(JOSEObjectType.JWT).build();
    SignedJWT jwt = new SignedJWT(header, claims);
    try {
      jwt.sign(new MACSigner(key.secret()));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign the access token", e);
    }
    return new AccessToken(jwt.serialize(), jti, key.kid(), expiresAt, lifetime);
  }
}
