package com.utalk.emulators.stack;

import com.utalk.platform.FunctionCatalog;
import java.util.ArrayList;
import java.util.List;

/** Every HTTP process the local stack runs besides the emulators. */
final class LocalServices {
  private LocalServices() {}

  static List<ServiceSpec> all(StackConfig config) {
    List<ServiceSpec> services = new ArrayList<>();
    // Functions come from the catalog: a new entry there is started, routed and bridged automatically,
    // in the one functions-host JVM (each in a class loader of its own).
    services.add(ServiceSpec.functionsHost(FunctionCatalog.FUNCTIONS, config));
    // The Cloud Run service holding the agents' Socket.IO connections (REALTIME_URL).
    services.add(ServiceSpec.jvmModule("realtime-service", "realtime-service", "com.utalk.realtime.RealtimeMain", config.realtimePort(), config));
    return services;
  }
}
