package com.utalk.emulators.stack;

import com.utalk.platform.FunctionCatalog;
import com.utalk.platform.FunctionSpec;
import java.util.ArrayList;
import java.util.List;

/** Every HTTP process the local stack runs besides the emulators. */
final class LocalServices {
  private LocalServices() {}

  static List<ServiceSpec> all(StackConfig config) {
    List<ServiceSpec> services = new ArrayList<>();
    // Functions come from the catalog: a new entry there is started, routed and bridged automatically.
    for (FunctionSpec function : FunctionCatalog.FUNCTIONS) {
      services.add(ServiceSpec.function(function, config));
    }
    // The Cloud Run service holding the agents' Socket.IO connections (REALTIME_URL).
    services.add(ServiceSpec.jvmModule("realtime-service", "realtime-service", "com.utalk.realtime.RealtimeMain", config.realtimePort(), config));
    return services;
  }
}
