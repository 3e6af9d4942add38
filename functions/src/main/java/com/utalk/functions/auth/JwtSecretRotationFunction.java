package com.utalk.functions.auth;

import com.google.cloud.functions.CloudEventsFunction;
import com.utalk.auth.AuthModule;
import com.utalk.auth.keys.KeyRotation;
import com.utalk.auth.keys.SigningKeyRings;
import com.utalk.events.ProcessedEvents;
import com.utalk.functions.events.EventCall;
import com.utalk.functions.events.PubSubMessage;
import com.utalk.functions.wiring.Backend;
import com.utalk.logging.Log;
import com.utalk.wiring.Lazy;
import io.cloudevents.CloudEvent;

/**
 * Secret Manager's rotation notification (Pub/Sub topic of the JWT secret, attribute {@code
 * eventType=SECRET_ROTATE}, sent every 90 days by the secret's rotation schedule) → adds a new
 * random version. Tokens signed with the previous version stay valid for the grace period. Other
 * notifications on the topic (SECRET_VERSION_ADD, the version our own rotation adds, ...) are
 * acknowledged and ignored.
 */
public final class JwtSecretRotationFunction implements CloudEventsFunction {
  static final String FUNCTION = "jwt-secret-rotation";
  static final String ROTATE = "SECRET_ROTATE";
  private static final Log LOG = Log.get(JwtSecretRotationFunction.class);

  private final Backend backend;
  private final Lazy<AuthModule> auth;
  private final Lazy<ProcessedEvents> processed;

  public JwtSecretRotationFunction() {
    this(Backend.fromEnvironment());
  }

  public JwtSecretRotationFunction(Backend backend) {
    SigningKeyRings.validate(backend.settings());
    this.backend = backend;
    this.auth =
        Lazy.of(() -> new AuthModule(backend.settings(), backend.firestore(), backend.clock()));
    this.processed = Lazy.of(() -> new ProcessedEvents(backend.firestore(), backend.clock()));
  }

  @Override
  public void accept(CloudEvent event) throws Exception {
    EventCall.run(FUNCTION, event, processed(), (message, requestId) -> handle(message));
  }

  private void handle(PubSubMessage message) {
    String eventType = message.attributes().get("eventType");
    if (!ROTATE.equals(eventType)) {
      LOG.info("secret notification ignored", "eventType", eventType);
      return;
    }
    String expected = backend.settings().find("JWT_SECRET_NAME").orElse(null);
    String secretId = message.attributes().get("secretId");
    if (expected != null
        && secretId != null
        && !secretId.equals(expected)
        && !secretId.endsWith("/secrets/" + expected)) {
      LOG.info("rotation notification for another secret ignored", "secretId", secretId);
      return;
    }
    KeyRotation.Outcome outcome = auth().rotation().unlessRecent();
    LOG.info(
        "JWT secret rotation handled",
        "rotated",
        outcome.rotated(),
        "kid",
        outcome.newKid(),
        "retired",
        outcome.retiredKids());
  }

  private AuthModule auth() {
    return auth.get();
  }

  private ProcessedEvents processed() {
    return processed.get();
  }
}
