package com.utalk.auth.keys;

import com.google.auth.oauth2.GoogleCredentials;
import com.utalk.errors.StorageUnavailableException;
import java.io.IOException;
import java.util.function.Supplier;

/** An OAuth access token from Application Default Credentials (the function's service account). */
public final class AdcAccessToken implements Supplier<String> {
  private GoogleCredentials credentials;

  @Override
  public synchronized String get() {
    try {
      if (credentials == null) {
        credentials =
            GoogleCredentials.getApplicationDefault()
                .createScoped("https://www.googleapis.com/auth/cloud-platform");
      }
      credentials.refreshIfExpired();
      return credentials.getAccessToken().getTokenValue();
    } catch (IOException e) {
      throw new StorageUnavailableException(
          "no credentials for Secret Manager: " + e.getMessage(), e);
    }
  }
}
