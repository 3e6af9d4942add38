package com.utalk.auth.users;

import com.google.cloud.firestore.Firestore;
import com.utalk.audit.AuditLog;
import com.utalk.auth.PermissionPolicy;
import com.utalk.auth.Role;
import com.utalk.auth.password.Argon2idHasher;
import com.utalk.errors.ConflictException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The local stack's users: one per role in the demo workspace, with fixed local-only passwords so
 * that {@code emulators/dev env} can print them as {@code <ROLE>_EMAIL} / {@code <ROLE>_PASSWORD}.
 * Only for the local stack: callers check APP_ENV=development before seeding.
 */
public final class DemoUsers {
  private DemoUsers() {}

  /** One demo credential; {@link #envPrefix()} is ADMIN, DEVELOPER, OPERATOR, READONLY or AGENT. */
  public record Credential(Role role, String email, String password) {
    public String envPrefix() {
      return role.name();
    }

    @Override
    public String toString() {
      return "Credential[" + role + ", " + email + "]";
    }
  }

  public static List<Credential> credentials() {
    List<Credential> credentials = new ArrayList<>();
    for (Role role : Role.values()) {
      String name = role.wire();
      credentials.add(
          new Credential(role, name + "@demo.utalk.local", "demo-" + name + "-password"));
    }
    return credentials;
  }

  /**
   * For the local stack's seeding ({@code emulators/dev up}): creates the missing demo users
   * without needing the JWT settings an {@code AuthModule} reads.
   */
  public static List<Credential> seed(Firestore firestore, String workspaceId) {
    UserAdministration users =
        new UserAdministration(
            firestore,
            new UserRepository(firestore),
            // seeding only creates users, so how long a disable is remembered does not matter here
            new DisabledUsers(firestore, Duration.ZERO, Duration.ZERO),
            Argon2idHasher.owaspDefaults(),
            new PermissionPolicy(),
            new AuditLog(firestore, Clock.systemUTC()),
            Clock.systemUTC());
    return seed(users, workspaceId);
  }

  /** Creates the missing demo users in {@code workspaceId}; existing ones are left as they are. */
  public static List<Credential> seed(UserAdministration users, String workspaceId) {
    for (Credential credential : credentials()) {
      String display =
          credential.role().wire().substring(0, 1).toUpperCase(Locale.ROOT)
              + credential.role().wire().substring(1);
      try {
        users.createSystemUser(
            new NewUser(
                credential.email(),
                "Demo " + display,
                credential.role(),
                workspaceId,
                credential.password()));
      } catch (ConflictException alreadySeeded) {
        // idempotent: a second `dev up` finds them in place
      }
    }
    return credentials();
  }
}
