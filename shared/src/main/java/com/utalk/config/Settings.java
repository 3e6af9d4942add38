package com.utalk.config;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one place configuration is read from. Environment variables are the deployed source; a lookup
 * can be swapped (tests pass a map) so that no code reads {@code System.getenv} directly.
 */
public final class Settings {
  private final Function<String, String> lookup;

  /**
   * This copy of the class's own environment, over the process's: for a host that runs several
   * functions in one JVM, each in its own class loader (so each has its own copy of this class).
   */
  private static volatile Map<String, String> environmentOverrides = Map.of();

  private Settings(Function<String, String> lookup) {
    this.lookup = lookup;
  }

  /** System properties first (handy for tests and the invoker), then the environment. */
  public static Settings fromEnvironment() {
    return new Settings(
        key -> {
          String own = environmentOverrides.get(key);
          if (own != null) {
            return own;
          }
          String property = System.getProperty(key);
          return property != null ? property : System.getenv(key);
        });
  }

  /** Called (reflectively) by the local functions host before the function's class is loaded. */
  public static void useEnvironmentOverrides(Map<String, String> overrides) {
    environmentOverrides = Map.copyOf(overrides);
  }

  public static Settings of(Map<String, String> values) {
    return new Settings(values::get);
  }

  /** A copy in which {@code overrides} win over this lookup. */
  public Settings with(Map<String, String> overrides) {
    return new Settings(key -> overrides.containsKey(key) ? overrides.get(key) : lookup.apply(key));
  }

  public Optional<String> find(String key) {
    String value = lookup.apply(key);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  public String get(String key, String fallback) {
    return find(key).orElse(fallback);
  }

  public String require(String key) {
    return find(key)
        .orElseThrow(() -> new ConfigurationException("missing required setting " + key));
  }

  public int getInt(String key, int fallback) {
    return find(key).map(v -> parse(key, v, Integer::parseInt)).orElse(fallback);
  }

  public long getLong(String key, long fallback) {
    return find(key).map(v -> parse(key, v, Long::parseLong)).orElse(fallback);
  }

  public boolean getBoolean(String key, boolean fallback) {
    return find(key).map(Boolean::parseBoolean).orElse(fallback);
  }

  private static <T> T parse(String key, String value, Function<String, T> parser) {
    try {
      return parser.apply(value);
    } catch (NumberFormatException e) {
      throw new ConfigurationException(key + " must be a number, got '" + value + "'");
    }
  }
}
