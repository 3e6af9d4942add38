package com.utalk.ops.environment;

import com.utalk.config.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deployed environment as Terraform declares it: project, region, domain (PUBLIC_BASE_URL is
 * {@code https://<domain>}), Twilio account and Firestore database, read from {@code
 * terraform/environments/<env>/terraform.tfvars} so the tool and the deployment cannot disagree
 * about where an environment is.
 */
public record CloudEnvironment(
    String name,
    String projectId,
    String region,
    String appEnv,
    String publicBaseUrl,
    String twilioAccountSid,
    String firestoreDatabase) {
  /** The Cloud Run service of the realtime path (terraform/modules/realtime). */
  public static final String REALTIME_SERVICE = "realtime-service";

  /** Secret Manager ids (terraform/modules/utalk/catalog.tf secret_settings and jwt_secret_id). */
  public static final String TWILIO_AUTH_TOKEN_SECRET = "twilio-auth-token";

  public static final String JWT_SECRET = "jwt-signing-key";
  private static final Pattern ASSIGNMENT = Pattern.compile("^\\s*([a-z_]+)\\s*=\\s*\"([^\"]*)\"");

  public static CloudEnvironment from(String name, Settings settings) {
    Path repoRoot = Path.of(settings.get("UTALK_REPO_ROOT", ".")).toAbsolutePath().normalize();
    Path tfvars =
        repoRoot
            .resolve("terraform")
            .resolve("environments")
            .resolve(name)
            .resolve("terraform.tfvars");
    try {
      return parse(name, Files.readString(tfvars));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read " + tfvars + " (run the tool from a checkout of the repository)", e);
    }
  }

  /**
   * The top-level {@code key = "value"} lines of a tfvars file (maps and lists are not needed
   * here).
   */
  public static CloudEnvironment parse(String name, String tfvars) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : tfvars.split("\n")) {
      Matcher matcher = ASSIGNMENT.matcher(line);
      if (matcher.find()) {
        values.putIfAbsent(matcher.group(1), matcher.group(2));
      }
    }
    String project = required(values, "project_id", name);
    return new CloudEnvironment(
        name,
        project,
        required(values, "region", name),
        required(values, "environment", name),
        "https://" + required(values, "domain", name),
        required(values, "twilio_account_sid", name),
        // after a disaster-recovery restore the deployment serves from another database
        // (runbooks/dr-falla-base-de-datos.md)
        values.getOrDefault("firestore_database", com.utalk.gcp.GcpProject.DEFAULT_DATABASE));
  }

  private static String required(Map<String, String> values, String key, String env) {
    String value = values.get(key);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          "terraform/environments/" + env + "/terraform.tfvars has no " + key);
    }
    return value;
  }

  /**
   * What the deployed services are configured with, as far as the tool needs it (no secret values).
   */
  public Settings settings() {
    return Settings.of(
        Map.of(
            "GOOGLE_CLOUD_PROJECT", projectId,
            "FIRESTORE_DATABASE", firestoreDatabase,
            "PUBLIC_BASE_URL", publicBaseUrl,
            "TWILIO_ACCOUNT_SID", twilioAccountSid,
            "JWT_SECRET_NAME", JWT_SECRET,
            "APP_ENV", appEnv));
  }
}
