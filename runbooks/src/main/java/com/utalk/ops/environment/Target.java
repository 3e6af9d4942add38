package com.utalk.ops.environment;

import com.google.cloud.firestore.Firestore;
import com.utalk.config.Settings;
import com.utalk.gcp.PubSubTransport;
import com.utalk.twilio.TwilioCredentials;

/**
 * The environment a runbook looks at: the local stack, or a deployed one ({@code --env
 * dev|staging|prod}). Runbooks ask it for the same things in both cases, so a check written once
 * runs against either; what differs (the emulators or Google's APIs, the stand-in or Twilio, log
 * files or Cloud Logging, a process or a Cloud Run revision) lives behind these methods.
 */
public interface Target extends AutoCloseable {
  /** {@code local}, {@code dev}, {@code staging} or {@code prod}. */
  String name();

  /**
   * The settings the deployed services run with, as far as this tool can know them. Never printed.
   */
  Settings settings();

  Firestore firestore();

  PubSubTransport pubsub();

  /** The public URL Twilio must post to and the API answers on (PUBLIC_BASE_URL). */
  String publicBaseUrl();

  /** The realtime service's URL (Socket.IO, /health/socket). */
  String realtimeUrl();

  /**
   * The environment's Twilio account (the token from Secret Manager in the cloud; never printed).
   */
  TwilioCredentials twilio();

  /** The services' structured logs. */
  LogSource logs();

  /**
   * Restarts the realtime service's instances (locally: its process; in the cloud: a new revision).
   */
  String restartRealtime() throws Exception;

  @Override
  void close();
}
