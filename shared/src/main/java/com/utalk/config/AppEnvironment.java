package com.utalk.config;

import java.util.Locale;

/**
 * Deployment environment; decides defaults such as the log level (docs/operations.md:
 * loggingConfig.levels).
 */
public enum AppEnvironment {
  DEVELOPMENT("debug"),
  STAGING("info"),
  PRODUCTION("warn");

  private final String defaultLogLevel;

  AppEnvironment(String defaultLogLevel) {
    this.defaultLogLevel = defaultLogLevel;
  }

  public String defaultLogLevel() {
    return defaultLogLevel;
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static AppEnvironment parse(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "development", "dev", "local" -> DEVELOPMENT;
      case "staging", "stg" -> STAGING;
      case "production", "prod" -> PRODUCTION;
      default -> throw new ConfigurationException("unknown APP_ENV '" + value + "'");
    };
  }
}
