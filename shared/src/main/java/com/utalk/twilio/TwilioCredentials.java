package com.utalk.twilio;

import com.utalk.config.Settings;

/**
 * Twilio account credentials and where to reach its API. {@code apiBaseUrl} is empty in production
 * (the SDK's own endpoints) and points at the local stand-in elsewhere.
 */
public record TwilioCredentials(String accountSid, String authToken, String apiBaseUrl) {
  public static TwilioCredentials from(Settings settings) {
    return new TwilioCredentials(
        settings.require("TWILIO_ACCOUNT_SID"),
        settings.require("TWILIO_AUTH_TOKEN"),
        settings.find("TWILIO_API_BASE_URL").orElse(null));
  }

  /**
   * The SDK's client for these credentials: one attempt per call, at {@code apiBaseUrl} when set.
   * Every caller of Twilio's REST API (the sender, the operator CLI) builds it here.
   */
  public com.twilio.http.TwilioRestClient restClient() {
    return new com.twilio.http.TwilioRestClient.Builder(accountSid, authToken)
        .httpClient(new SingleAttemptHttpClient(apiBaseUrl))
        .build();
  }

  @Override
  public String toString() {
    return "TwilioCredentials[accountSid=" + accountSid + ", authToken=***]";
  }
}
