package com.utalk.functions.api;

import com.utalk.config.AppEnvironment;
import com.utalk.config.ConfigurationException;
import com.utalk.config.Settings;
import com.utalk.errors.ServiceUnavailableException;

/**
 * A release-level fault for rehearsing the automatic rollback on the local stack: a local release
 * recorded with {@code RELEASE_FAULT=api-503} in its manifest (emulators LocalReleases) starts its
 * functions with that setting, and then every API call except {@code /health*} answers 503 ({@code
 * release_fault}) — a build that answers 5xx while its liveness check stays green, as a broken
 * release does. Refused outside {@code APP_ENV=development}: an instance of a deployed environment
 * with the setting does not start.
 */
final class ReleaseFault {
  static final String SETTING = "RELEASE_FAULT";
  static final String API_503 = "api-503";

  private final boolean active;

  private ReleaseFault(boolean active) {
    this.active = active;
  }

  static ReleaseFault from(Settings settings) {
    String value = settings.find(SETTING).filter(v -> !v.isBlank()).orElse(null);
    if (value == null) {
      return new ReleaseFault(false);
    }
    if (!value.equals(API_503)) {
      throw new ConfigurationException(
          SETTING + " must be '" + API_503 + "' or unset, not '" + value + "'");
    }
    if (AppEnvironment.parse(settings.get("APP_ENV", "development"))
        != AppEnvironment.DEVELOPMENT) {
      throw new ConfigurationException(
          SETTING + " is for local rehearsals only (APP_ENV=development)");
    }
    return new ReleaseFault(true);
  }

  void refuseIfSet(String path) {
    if (active && !path.startsWith("/health")) {
      throw new ServiceUnavailableException(
          "release_fault", "this release is faulty on purpose (" + SETTING + "=" + API_503 + ")");
    }
  }
}
