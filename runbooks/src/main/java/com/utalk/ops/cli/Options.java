package com.utalk.ops.cli;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The flags every action understands ({@code --env}, {@code --json}, {@code --yes}, {@code
 * --since}) and the ones an action defines ({@code --email a@b.c}, {@code --kid X}): each {@code
 * --name value}, or {@code --name} alone for true.
 */
public record Options(
    String env, boolean json, boolean yes, Duration since, Map<String, String> values) {
  public static final String LOCAL = "local";
  public static final List<String> ENVIRONMENTS = List.of(LOCAL, "dev", "staging", "prod");
  static final Duration DEFAULT_SINCE = Duration.ofMinutes(15);

  public Options {
    values = Map.copyOf(values);
  }

  public static Options parse(List<String> args) {
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("--") || arg.length() == 2) {
        throw new UsageException("unexpected argument '" + arg + "' (options are --name value)");
      }
      String name = arg.substring(2);
      String value = "true";
      int equals = name.indexOf('=');
      if (equals > 0) {
        value = name.substring(equals + 1);
        name = name.substring(0, equals);
      } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
        value = args.get(++i);
      }
      values.put(name, value);
    }
    String env = values.getOrDefault("env", LOCAL);
    if (!ENVIRONMENTS.contains(env)) {
      throw new UsageException("--env must be one of " + String.join(", ", ENVIRONMENTS));
    }
    Duration since =
        values.containsKey("since") ? parseDuration(values.get("since")) : DEFAULT_SINCE;
    return new Options(env, flag(values, "json"), flag(values, "yes"), since, values);
  }

  public boolean local() {
    return env.equals(LOCAL);
  }

  public Optional<String> find(String name) {
    return Optional.ofNullable(values.get(name)).filter(v -> !v.isBlank());
  }

  public String require(String name) {
    return find(name).orElseThrow(() -> new UsageException("--" + name + " is required"));
  }

  private static boolean flag(Map<String, String> values, String name) {
    return Boolean.parseBoolean(values.getOrDefault(name, "false"));
  }

  /** {@code 30s}, {@code 15m}, {@code 2h}, {@code 1d}. */
  static Duration parseDuration(String text) {
    try {
      long amount = Long.parseLong(text.substring(0, text.length() - 1));
      return switch (text.charAt(text.length() - 1)) {
        case 's' -> Duration.ofSeconds(amount);
        case 'm' -> Duration.ofMinutes(amount);
        case 'h' -> Duration.ofHours(amount);
        case 'd' -> Duration.ofDays(amount);
        default -> throw new NumberFormatException();
      };
    } catch (RuntimeException e) {
      throw new UsageException("--since must look like 30s, 15m, 2h or 1d, got '" + text + "'");
    }
  }
}
