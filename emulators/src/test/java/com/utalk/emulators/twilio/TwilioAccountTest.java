package com.utalk.emulators.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** An account the stand-in can serve has credentials shaped like Twilio's. */
class TwilioAccountTest {
  @Test
  void anAccountSidNotShapedLikeTwiliosIsRefused() {
    for (String sid :
        Arrays.asList(null, "AC123", "ac00000000000000000000000000000001", "AC" + "G".repeat(32))) {
      IllegalArgumentException refused =
          assertThrows(IllegalArgumentException.class, () -> new TwilioAccount(sid, "token"), sid);
      assertEquals(
          "account SID must be AC followed by 32 lowercase hex digits", refused.getMessage());
    }
  }

  @Test
  void anAuthTokenIsRequired() {
    for (String token : Arrays.asList(null, "", "   ")) {
      IllegalArgumentException refused =
          assertThrows(
              IllegalArgumentException.class,
              () -> new TwilioAccount(TwilioAccount.LOCAL.accountSid(), token));
      assertEquals("auth token is required", refused.getMessage());
    }
  }
}
