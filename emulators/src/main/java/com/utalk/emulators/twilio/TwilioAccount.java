package com.utalk.emulators.twilio;

import java.util.regex.Pattern;

/** The account the stand-in accepts, and whose auth token signs its webhooks. */
public record TwilioAccount(String accountSid, String authToken) {
  private static final Pattern ACCOUNT_SID = Pattern.compile("AC[0-9a-f]{32}");

  /**
   * Fixed, obviously fake credentials for the local stack: stable across runs so that a developer
   * can export them once ({@code emulators/dev env}), shaped like real ones so validation paths
   * run.
   */
  public static final TwilioAccount LOCAL =
      new TwilioAccount("AC00000000000000000000000000000001", "0000000000000000000000000000beef");

  public TwilioAccount {
    if (accountSid == null || !ACCOUNT_SID.matcher(accountSid).matches()) {
      throw new IllegalArgumentException(
          "account SID must be AC followed by 32 lowercase hex digits");
    }
    if (authToken == null || authToken.isBlank()) {
      throw new IllegalArgumentException("auth token is required");
    }
  }

  public TwilioWebhookSigner signer() {
    return new TwilioWebhookSigner(authToken);
  }
}
