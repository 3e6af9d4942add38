package com.utalk.auth.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An opaque refresh token: {@code {uid}.{family}.{256 random bits}}. The uid and family only route
 * the lookup; what proves possession is the random part, and only the SHA-256 of the whole token is
 * stored (a high-entropy value needs no slow hash).
 */
public record RefreshToken(String uid, String familyId, String value) {
  private static final Pattern SHAPE =
      Pattern.compile("([A-Za-z0-9-]{1,64})\\.([a-f0-9]{32})\\.[A-Za-z0-9_-]{43}");

  public static RefreshToken mint(String uid, String familyId, SecureRandom random) {
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    return new RefreshToken(
        uid,
        familyId,
        uid
            + "."
            + familyId
            + "."
            + Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
  }

  public static String newFamilyId() {
    return UUID.randomUUID().toString().replace("-", "");
  }

  public static Optional<RefreshToken> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    Matcher matcher = SHAPE.matcher(value.trim());
    return matcher.matches()
        ? Optional.of(new RefreshToken(matcher.group(1), matcher.group(2), value.trim()))
        : Optional.empty();
  }

  public String hash() {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "RefreshToken[uid=" + uid + ", family=" + familyId + "]";
  }
}
