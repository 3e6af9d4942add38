package com.utalk.auth.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.utalk.audit.AuditLog;
import com.utalk.auth.MutableClock;
import com.utalk.auth.PermissionPolicy;
import com.utalk.auth.Principal;
import com.utalk.auth.Role;
import com.utalk.auth.password.Argon2idHasher;
import com.utalk.testing.TestEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The disabled-users list stays small: an entry lives one token lifetime, and enabling removes it.
 */
class DisabledUsersTest {
  private static final Duration KEEP = Duration.ofMinutes(16);

  @Test
  void entriesOutliveTheTokensTheyRevokeAndNoLonger() throws Exception {
    try (TestEnvironment env = TestEnvironment.create()) {
      MutableClock clock = new MutableClock(Instant.parse("2026-12-04T10:00:00Z"));
      DisabledUsers disabled = new DisabledUsers(env.firestore(), KEEP, Duration.ZERO);
      UserAdministration admin =
          new UserAdministration(
              env.firestore(),
              new UserRepository(env.firestore()),
              disabled,
              Argon2idHasher.owaspDefaults(),
              new PermissionPolicy(),
              new AuditLog(env.firestore(), clock),
              clock);
      Principal actor = new Principal("admin-1", Role.ADMIN, "ws-1", "jti-1");
      String early = create(admin, "early").id();
      String late = create(admin, "late").id();
      String back = create(admin, "back").id();

      admin.setDisabled(actor, early, true);
      clock.advance(Duration.ofMinutes(10));
      admin.setDisabled(actor, back, true);
      assertEquals(Set.of(early, back), disabled.uids());
      admin.setDisabled(actor, back, false);
      assertFalse(disabled.revoked(back), "enabling removes the entry");

      clock.advance(Duration.ofMinutes(7)); // early's tokens have all expired by now
      admin.setDisabled(actor, late, true);
      assertEquals(
          Set.of(late), disabled.uids(), "the entry older than a token lifetime is pruned");
      assertTrue(
          new UserRepository(env.firestore()).findById(early).orElseThrow().disabled(),
          "the user stays disabled");
      Map<?, ?> stored =
          (Map<?, ?>)
              env.firestore()
                  .collection("system")
                  .document(DisabledUsers.DOCUMENT)
                  .get()
                  .get()
                  .get("users");
      assertEquals(Set.of(late), stored.keySet());
    }
  }

  private static User create(UserAdministration admin, String name) {
    return admin.createSystemUser(
        new NewUser(
            name + "@disabled.example.com", name, Role.AGENT, "ws-1", "a-long-enough-password"));
  }
}
