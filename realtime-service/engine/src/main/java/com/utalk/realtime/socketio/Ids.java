package com.utalk.realtime.socketio;

import java.security.SecureRandom;
import java.util.Base64;

/** Unguessable ids: 15 random bytes as 20 base64url characters, like the Node server's base64id. */
final class Ids {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  private Ids() {}

  static String next() {
    byte[] bytes = new byte[15];
    RANDOM.nextBytes(bytes);
    return ENCODER.encodeToString(bytes);
  }
}
