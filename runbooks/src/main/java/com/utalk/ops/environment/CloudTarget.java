package com.utalk.ops.environment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.utalk.auth.keys.AdcAccessToken;
import com.utalk.auth.keys.SecretManagerApi;
import com.utalk.config.Settings;
import com.utalk.gcp.GcpProject;
import com.utalk.twilio.TwilioCredentials;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * A deployed environment through Application Default Credentials ({@code gcloud auth
 * application-default login} as the operator): Firestore and Pub/Sub through their client
 * libraries, Secret Manager through shared's {@link SecretManagerApi} (the Twilio token is read
 * into memory, never printed), Cloud Logging and Cloud Run through their REST APIs. None of this
 * can run on the build machine; runbooks/README.md says what only a real environment proves.
 */
public final class CloudTarget extends GoogleClients {
  static final String RUN_API = "https://run.googleapis.com/v2/";
  static final String SECRET_MANAGER = "https://secretmanager.googleapis.com";

  private final CloudEnvironment environment;
  private final AdcAccessToken token = new AdcAccessToken();
  private final GoogleRest rest = new GoogleRest(token);
  private TwilioCredentials twilio;

  private CloudTarget(CloudEnvironment environment) {
    super(
        new GcpProject(environment.projectId(), environment.firestoreDatabase(), null, null),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10));
    this.environment = environment;
  }

  public static CloudTarget open(CloudEnvironment environment) {
    return new CloudTarget(environment);
  }

  @Override
  public String name() {
    return environment.name();
  }

  /**
   * Project, region and name as terraform.tfvars declares them (the release tool's deploy commands
   * use them).
   */
  public CloudEnvironment environment() {
    return environment;
  }

  @Override
  public Settings settings() {
    return environment.settings();
  }

  @Override
  public String publicBaseUrl() {
    return environment.publicBaseUrl();
  }

  /** {@code projects/P/locations/R/services/realtime-service}. */
  String realtimeServiceName() {
    return "projects/"
        + environment.projectId()
        + "/locations/"
        + environment.region()
        + "/services/"
        + CloudEnvironment.REALTIME_SERVICE;
  }

  @Override
  public String realtimeUrl() {
    try {
      return rest.call("GET", RUN_API + realtimeServiceName(), null).path("uri").asText();
    } catch (Exception e) {
      throw new IllegalStateException(
          "Cloud Run did not say where "
              + CloudEnvironment.REALTIME_SERVICE
              + " is: "
              + e.getMessage(),
          e);
    }
  }

  @Override
  public synchronized TwilioCredentials twilio() {
    if (twilio == null) {
      String secret =
          "projects/"
              + environment.projectId()
              + "/secrets/"
              + CloudEnvironment.TWILIO_AUTH_TOKEN_SECRET;
      String value =
          new String(
                  new SecretManagerApi(SECRET_MANAGER, secret, token)
                      .access(secret + "/versions/latest"),
                  StandardCharsets.UTF_8)
              .trim();
      twilio = new TwilioCredentials(environment.twilioAccountSid(), value, null);
    }
    return twilio;
  }

  @Override
  public LogSource logs() {
    return new CloudLogs(environment.projectId(), CloudLogs.ENDPOINT, rest);
  }

  /**
   * A new revision of the realtime service with the same configuration (only an annotation
   * changes): Cloud Run starts fresh instances, each creating its own subscription, and drains the
   * old ones. Returns the long-running operation's name.
   */
  @Override
  public String restartRealtime() throws Exception {
    JsonNode service = rest.call("GET", RUN_API + realtimeServiceName(), null);
    ObjectNode template = ((ObjectNode) service.path("template").deepCopy());
    template.withObject("/annotations").put("utalk.ops/restarted-at", Instant.now().toString());
    ObjectNode patch = com.utalk.json.Json.object();
    patch.set("template", template);
    JsonNode operation = rest.call("PATCH", RUN_API + realtimeServiceName(), patch);
    return "Cloud Run is rolling out a new revision of "
        + CloudEnvironment.REALTIME_SERVICE
        + " (operation "
        + operation.path("name").asText()
        + ")";
  }
}
