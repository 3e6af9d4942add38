package com.utalk.auth.keys;

import com.google.cloud.firestore.Firestore;
import com.utalk.config.AppEnvironment;
import com.utalk.config.ConfigurationException;
import com.utalk.config.Settings;
import java.time.Clock;

/**
 * Picks the key ring from settings. JWT_SECRET_NAME (a Secret Manager secret) wins; otherwise
 * JWT_SECRET is the secret, and on the local stack (APP_ENV=development) rotations are stored in
 * Firestore so {@code emulators/dev rotate-jwt-secret} works across function processes.
 */
public final class SigningKeyRings {
  private static final String SECRET_MANAGER = "https://secretmanager.googleapis.com";

  private SigningKeyRings() {}

  /** Validates what can be validated without the network (JWT_SECRET's presence and length). */
  public static void validate(Settings settings) {
    if (settings.find("JWT_SECRET_NAME").isEmpty()) {
      new EnvironmentKeyRing(settings.find("JWT_SECRET").orElse(null));
    }
  }

  public static SigningKeyRing fromSettings(Settings settings, Firestore firestore, Clock clock) {
    var secretName = settings.find("JWT_SECRET_NAME");
    if (secretName.isPresent()) {
      String name = qualified(secretName.get(), settings);
      String endpoint = settings.get("SECRET_MANAGER_ENDPOINT", SECRET_MANAGER);
      // a stand-in on this machine (tests, local experiments) takes no credentials, like the
      // emulators
      boolean local =
          endpoint.startsWith("http://127.0.0.1:") || endpoint.startsWith("http://localhost:");
      return new SecretManagerKeyRing(
          new SecretManagerApi(endpoint, name, local ? () -> "local" : new AdcAccessToken()));
    }
    EnvironmentKeyRing environment =
        new EnvironmentKeyRing(settings.find("JWT_SECRET").orElse(null));
    AppEnvironment env = AppEnvironment.parse(settings.get("APP_ENV", "development"));
    if (env == AppEnvironment.DEVELOPMENT) {
      return new FirestoreKeyRing(firestore, environment.key(), clock);
    }
    return environment;
  }

  private static String qualified(String name, Settings settings) {
    if (name.startsWith("projects/")) {
      return name;
    }
    String project =
        settings
            .find("GOOGLE_CLOUD_PROJECT")
            .or(() -> settings.find("GCP_PROJECT"))
            .orElseThrow(
                () ->
                    new ConfigurationException(
                        "JWT_SECRET_NAME is a short name but GOOGLE_CLOUD_PROJECT is not set"));
    return "projects/" + project + "/secrets/" + name;
  }
}
