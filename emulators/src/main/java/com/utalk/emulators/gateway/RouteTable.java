package com.utalk.emulators.gateway;

import com.utalk.platform.FunctionSpec;
import com.utalk.platform.FunctionTrigger;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The gateway's routes; the most specific match wins (longer path first, exact before prefix). */
public record RouteTable(List<Route> routes) {
  private static final Comparator<Route> MOST_SPECIFIC_FIRST =
      Comparator.comparingInt((Route r) -> r.path().length())
          .reversed()
          .thenComparing(Route::prefix);

  public RouteTable {
    routes = routes.stream().sorted(MOST_SPECIFIC_FIRST).toList();
  }

  /** One route per HTTP-triggered function, to wherever {@code upstreamOf} says it runs. */
  public static RouteTable fromCatalog(
      List<FunctionSpec> functions, Function<FunctionSpec, URI> upstreamOf) {
    return new RouteTable(
        functions.stream()
            .filter(spec -> spec.trigger() instanceof FunctionTrigger.Http)
            .map(
                spec -> {
                  FunctionTrigger.Http http = (FunctionTrigger.Http) spec.trigger();
                  return new Route(spec.name(), http.path(), http.prefix(), upstreamOf.apply(spec));
                })
            .toList());
  }

  public Optional<Route> match(String path) {
    return routes.stream().filter(route -> route.matches(path)).findFirst();
  }
}
