package com.utalk.emulators.stack;

import com.google.cloud.firestore.Firestore;
import com.utalk.auth.AuthModule;
import com.utalk.auth.password.PasswordPolicy;
import com.utalk.auth.users.Emails;
import com.utalk.auth.users.StoredUser;
import com.utalk.config.Settings;
import com.utalk.gcp.FirestoreProvider;
import com.utalk.gcp.GcpProject;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code emulators/dev set-password --email E [--password P] [--project ID]}: gives a user a new
 * password (argon2id, as at login). After a restore into an empty database no user has a password
 * hash (backups never hold them); this is how each one gets a new one. Without {@code --password} a
 * random one is generated and printed once, to be handed over and changed.
 */
final class SetPasswordCommand {
  private SetPasswordCommand() {}

  static int run(StackConfig config, List<String> args) {
    String email = option(args, "--email");
    if (email == null) {
      System.err.println(
          "usage: emulators/dev set-password --email <email> [--password <new password>] [--project <cloud project id>]");
      return 2;
    }
    String password =
        Optional.ofNullable(option(args, "--password")).orElseGet(SetPasswordCommand::generated);
    // --project: the cloud project's Firestore with Application Default Credentials, not the
    // emulator.
    String project = option(args, "--project");
    GcpProject target = project == null ? config.gcpProject() : new GcpProject(project, null, null);
    try (Firestore firestore = FirestoreProvider.create(target)) {
      PasswordPolicy.checkNew(password, "password");
      AuthModule auth =
          new AuthModule(
              Settings.of(
                  Map.of("JWT_SECRET", StackConfig.LOCAL_JWT_SECRET, "APP_ENV", "development")),
              firestore,
              Clock.systemUTC());
      Optional<StoredUser> user = auth.users().findByEmail(Emails.normalize(email));
      if (user.isEmpty()) {
        System.err.println("no user with email " + email);
        return 1;
      }
      auth.users()
          .updatePasswordHash(
              user.get().user().id(),
              auth.hasher().hash(password.toCharArray()),
              Clock.systemUTC().instant());
      System.out.println(
          option(args, "--password") == null
              ? "new password for " + email + ": " + password
              : "password set for " + email);
      return 0;
    } catch (Exception e) {
      System.err.println("could not set the password: " + e.getMessage());
      return 1;
    }
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  private static String generated() {
    byte[] bytes = new byte[18];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String option(List<String> args, String name) {
    int i = args.indexOf(name);
    return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : null;
  }
}
