package com.utalk.auth.token;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

/** Hand-made tokens for tampering tests: any algorithm, key, kid and claims. */
public final class Tokens {
  private Tokens() {}

  public static String signed(
      JWSAlgorithm alg,
      String kid,
      byte[] key,
      String sub,
      String role,
      String wid,
      Instant iat,
      Instant exp) {
    try {
      JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().jwtID(UUID.randomUUID().toString());
      if (sub != null) claims.subject(sub);
      if (role != null) claims.claim("role", role);
      if (wid != null) claims.claim("wid", wid);
      if (iat != null) claims.issueTime(Date.from(iat));
      if (exp != null) claims.expirationTime(Date.from(exp));
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(alg).keyID(kid).type(JOSEObjectType.JWT).build(),
              claims.build());
      jwt.sign(new MACSigner(key));
      return jwt.serialize();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** An unsecured JWT ({@code "alg": "none"}, empty signature) with the given kid and claims. */
  public static String algNone(String kid, Map<String, Object> claims) {
    String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}");
    return header + "." + b64(com.utalk.json.Json.write(claims)) + ".";
  }

  /** {@code token} with one payload claim replaced, signature kept. */
  public static String withClaim(String token, String name, Object value) {
    String[] parts = token.split("\\.");
    var payload =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            com.utalk.json.Json.read(Base64.getUrlDecoder().decode(parts[1]));
    payload.putPOJO(name, value);
    return parts[0] + "." + b64(com.utalk.json.Json.write(payload)) + "." + parts[2];
  }

  public static String kidOf(String token) {
    String header =
        new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
    return com.utalk.json.Json.read(header.getBytes(StandardCharsets.UTF_8)).path("kid").asText();
  }

  public static Map<String, Object> payloadOf(String token) {
    @SuppressWarnings("unchecked")
    Map<String, Object> payload =
        com.utalk.json.Json.read(Base64.getUrlDecoder().decode(token.split("\\.")[1]), Map.class);
    return payload;
  }

  private static String b64(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
