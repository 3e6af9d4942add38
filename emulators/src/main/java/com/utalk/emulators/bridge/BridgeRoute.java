package com.utalk.emulators.bridge;

import com.utalk.platform.FunctionSpec;
import com.utalk.platform.FunctionTrigger;
import java.net.URI;
import java.util.List;
import java.util.function.Function;

/** One Pub/Sub-triggered function: the topic it listens to and where its process serves HTTP. */
public record BridgeRoute(String functionName, String topic, URI target) {
  public static final String SUBSCRIPTION_PREFIX = "local-bridge-";

  /** The bridge's own subscription, as Eventarc creates one per trigger. */
  public String subscription() {
    return SUBSCRIPTION_PREFIX + functionName;
  }

  public static List<BridgeRoute> fromCatalog(
      List<FunctionSpec> functions, Function<FunctionSpec, URI> targetOf) {
    return functions.stream()
        .filter(spec -> spec.trigger() instanceof FunctionTrigger.PubSub)
        .map(
            spec ->
                new BridgeRoute(
                    spec.name(),
                    ((FunctionTrigger.PubSub) spec.trigger()).topic(),
                    targetOf.apply(spec)))
        .toList();
  }
}
