package com.utalk.emulators.stack;

import com.utalk.platform.FunctionCatalog;
import java.util.ArrayList;
import java.util.List;

/**
 * Every HTTP process the local stack runs besides the emulators, from the current release or the
 * build on disk.
 */
final class LocalServices {
  private LocalServices() {}

  static List<ServiceSpec> all(StackConfig config) {
    List<ServiceSpec> services = new ArrayList<>();
    // Functions come from the catalog: a new entry there is started, routed and bridged
    // automatically,
    // in the one functions-host JVM (each in a class loader of its own).
    services.add(
        ServiceSpec.functionsHost(FunctionCatalog.FUNCTIONS, config, build(config, "functions")));
    // The Cloud Run service holding the agents' Socket.IO connections (REALTIME_URL).
    services.add(
        ServiceSpec.jvmModule(
            "realtime-service",
            "com.utalk.realtime.RealtimeMain",
            config.realtimePort(),
            config,
            build(config, "realtime-service")));
    return services;
  }

  /**
   * One service's spec as it would start now (a restart after a release switch takes the new one).
   */
  static ServiceSpec named(StackConfig config, String name) {
    return all(config).stream()
        .filter(spec -> spec.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no service " + name));
  }

  /**
   * The deployed release's copies when one is current (LocalReleases), else the module's build on
   * disk.
   */
  static ModuleBuild build(StackConfig config, String module) {
    return LocalReleases.of(config)
        .currentBuild(module)
        .orElseGet(() -> ModuleBuild.onDisk(config.repoRoot().resolve(module), config.repoRoot()));
  }
}
