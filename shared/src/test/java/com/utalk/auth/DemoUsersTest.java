package com.utalk.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.utalk.auth.users.DemoUsers;
import com.utalk.auth.users.UserRepository;
import com.utalk.testing.TestEnvironment;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoUsersTest {
  @Test
  void oneUserPerRoleIdempotentlyWithWorkingPasswords() throws Exception {
    try (TestEnvironment env = TestEnvironment.create()) {
      List<DemoUsers.Credential> first = DemoUsers.seed(env.firestore(), "demo");
      List<DemoUsers.Credential> again = DemoUsers.seed(env.firestore(), "demo");
      assertEquals(first, again);
      assertEquals(
          EnumSet.allOf(Role.class),
          EnumSet.copyOf(first.stream().map(DemoUsers.Credential::role).toList()));
      UserRepository users = new UserRepository(env.firestore());
      var hasher = com.utalk.auth.password.Argon2idHasher.owaspDefaults();
      for (DemoUsers.Credential credential : first) {
        var stored = users.findByEmail(credential.email()).orElseThrow();
        assertEquals(credential.role(), stored.user().role());
        assertEquals("demo", stored.user().workspaceId());
        assertTrue(hasher.verify(credential.password().toCharArray(), stored.passwordHash()));
        assertTrue(credential.envPrefix().matches("[A-Z]+"));
      }
      assertEquals(5, env.firestore().collection("users").get().get().size());
    }
  }
}
