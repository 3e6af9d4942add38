package com.utalk.emulators.functionhost;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One function of the local functions host: its deployment name, entry point and ports, given on
 * the host's command line as {@code name=entryPoint@port,metricsPort}.
 */
public record HostedFunction(String name, String entryPoint, int port, int metricsPort) {
  public static HostedFunction parse(String spec) {
    int equals = spec.indexOf('=');
    int at = spec.indexOf('@', equals);
    int comma = spec.indexOf(',', at);
    if (equals <= 0 || at < 0 || comma < 0) {
      throw new IllegalArgumentException("expected name=entryPoint@port,metricsPort, got " + spec);
    }
    return new HostedFunction(
        spec.substring(0, equals),
        spec.substring(equals + 1, at),
        Integer.parseInt(spec.substring(at + 1, comma)),
        Integer.parseInt(spec.substring(comma + 1)));
  }

  /** The command-line form {@link #parse} reads (the launcher writes it). */
  public String format() {
    return name + "=" + entryPoint + "@" + port + "," + metricsPort;
  }

  /**
   * What differs from one function to the next, as each deployment's own environment would say it;
   * the rest (project, emulators, credentials) is the host process's environment.
   */
  Map<String, String> ownEnvironment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("K_SERVICE", name);
    env.put("SERVICE_NAME", name);
    env.put("PORT", Integer.toString(port));
    env.put("METRICS_PORT", Integer.toString(metricsPort));
    env.put(FunctionHostMain.SHARED_JVM_SETTING, "true");
    return env;
  }
}
