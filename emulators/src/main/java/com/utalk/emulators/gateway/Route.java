package com.utalk.emulators.gateway;

import java.net.URI;

/**
 * A public path served by one upstream. With {@code prefix}, the path and everything below it
 * ({@code /api} serves {@code /api} and {@code /api/**}, not {@code /apix}).
 */
public record Route(String name, String path, boolean prefix, URI upstream) {
  public Route {
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("route path must start with '/': " + path);
    }
    path = path.length() > 1 ? path.replaceAll("/+$", "") : path;
    upstream = URI.create(upstream.toString().replaceAll("/+$", ""));
  }

  public boolean matches(String requestPath) {
    if (requestPath.equals(path)) {
      return true;
    }
    return prefix && (path.equals("/") || requestPath.startsWith(path + "/"));
  }
}
