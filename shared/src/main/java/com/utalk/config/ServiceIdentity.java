package com.utalk.config;

/**
 * The operations reference's default log fields: which service, in which environment, at which
 * version. The version is the build's ({@link BuildVersion}), not a setting: what runs says what it
 * is.
 */
public record ServiceIdentity(String service, AppEnvironment environment, String version) {
  public static ServiceIdentity from(Settings settings) {
    return new ServiceIdentity(
        settings.get("SERVICE_NAME", "utalk-backend"),
        AppEnvironment.parse(settings.get("APP_ENV", "development")),
        BuildVersion.current());
  }
}
