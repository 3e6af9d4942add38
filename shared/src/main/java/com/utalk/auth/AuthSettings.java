package com.utalk.auth;

import com.utalk.config.Settings;
import java.time.Duration;

/**
 * Auth tunables, read once from {@link Settings}; the defaults are the and the operations
 * reference's numbers.
 */
public record AuthSettings(
    Duration accessTokenTtl,
    Duration refreshTokenTtl,
    Duration rotationPeriod,
    Duration rotationGrace,
    Duration keyCacheTtl,
    int maxFailuresPerEmail,
    int maxFailuresPerIp,
    Duration failureWindow,
    int trustedProxyHops) {

  public static AuthSettings from(Settings settings) {
    return new AuthSettings(
        Duration.ofSeconds(settings.getLong("ACCESS_TOKEN_TTL_SECONDS", 15 * 60)),
        Duration.ofDays(settings.getLong("REFRESH_TOKEN_TTL_DAYS", 30)),
        Duration.ofDays(settings.getLong("JWT_ROTATION_DAYS", 90)),
        Duration.ofDays(settings.getLong("JWT_GRACE_DAYS", 7)),
        Duration.ofSeconds(settings.getLong("JWT_KEY_CACHE_SECONDS", 60)),
        settings.getInt("LOGIN_MAX_FAILURES_PER_EMAIL", 5),
        settings.getInt("LOGIN_MAX_FAILURES_PER_IP", 20),
        Duration.ofMinutes(settings.getLong("LOGIN_FAILURE_WINDOW_MINUTES", 15)),
        settings.getInt("TRUSTED_PROXY_HOPS", 1));
  }

  public static AuthSettings defaults() {
    return from(Settings.of(java.util.Map.of()));
  }
}
