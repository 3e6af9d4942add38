package com.utalk.ops.release;

import com.utalk.config.Settings;
import com.utalk.gcp.PubSubTransport;
import com.utalk.ops.cli.Confirmation;
import com.utalk.ops.cli.OpsContext;
import com.utalk.ops.cli.Options;
import com.utalk.ops.environment.LogSource;
import com.utalk.ops.environment.Target;
import com.utalk.testing.TestEnvironment;
import com.utalk.twilio.TwilioCredentials;
import java.time.Clock;
import java.util.List;

/**
 * An operator run whose audit log and announcements go to the test's Firestore and Pub/Sub
 * emulators (nothing else is reachable).
 */
final class EmulatorContext {
  private EmulatorContext() {}

  static OpsContext of(TestEnvironment env, String... args) {
    Target target =
        new Target() {
          public String name() {
            return "test";
          }

          public Settings settings() {
            return Settings.of(java.util.Map.of());
          }

          public com.google.cloud.firestore.Firestore firestore() {
            return env.firestore();
          }

          public PubSubTransport pubsub() {
            return env.pubsub();
          }

          public String publicBaseUrl() {
            throw new UnsupportedOperationException();
          }

          public String realtimeUrl() {
            throw new UnsupportedOperationException();
          }

          public TwilioCredentials twilio() {
            throw new UnsupportedOperationException();
          }

          public LogSource logs() {
            throw new UnsupportedOperationException();
          }

          public String restartRealtime() {
            throw new UnsupportedOperationException();
          }

          public void close() {}
        };
    return new OpsContext(
        Options.parse(List.of(args)),
        () -> target,
        Confirmation.assumeYes(),
        "release-test",
        "ops-test-run",
        Clock.systemUTC());
  }
}
