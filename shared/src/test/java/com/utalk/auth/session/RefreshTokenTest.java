package com.utalk.auth.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class RefreshTokenTest {
  @Test
  void mintedTokensParseAndHashStably() {
    String family = RefreshToken.newFamilyId();
    RefreshToken token =
        RefreshToken.mint("3f0c1d2e-1111-4222-8333-444455556666", family, new SecureRandom());
    RefreshToken parsed = RefreshToken.parse(token.value()).orElseThrow();
    assertEquals(token, parsed);
    assertEquals(64, token.hash().length());
    assertNotEquals(
        token.hash(), RefreshToken.mint(token.uid(), family, new SecureRandom()).hash());
    assertFalse(token.toString().contains(token.value()));
  }

  @Test
  void junkDoesNotParse() {
    assertTrue(RefreshToken.parse(null).isEmpty());
    assertTrue(RefreshToken.parse("abc").isEmpty());
    assertTrue(RefreshToken.parse("u.f.s").isEmpty());
    assertTrue(
        RefreshToken.parse(
                "users/x.0123456789abcdef0123456789abcdef.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
            .isEmpty());
  }
}
