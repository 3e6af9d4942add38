package com.utalk.functions.auth;

import java.util.ArrayList;
import java.util.List;

/**
 * The caller's IP for the per-IP login limit. Google's front end appends the client address to
 * X-Forwarded-For; anything to its left was written by the client and cannot be trusted. With
 * {@code trustedHops} proxies of ours in front (1 for a bare function, 2 behind the load balancer),
 * the client is that many entries from the right.
 */
final class ClientIp {
  private ClientIp() {}

  static String from(String forwardedFor, int trustedHops) {
    if (forwardedFor == null || forwardedFor.isBlank()) {
      return "unknown";
    }
    List<String> hops = new ArrayList<>();
    for (String hop : forwardedFor.split(",")) {
      if (!hop.isBlank()) {
        hops.add(hop.trim());
      }
    }
    if (hops.isEmpty()) {
      return "unknown";
    }
    int index = Math.max(0, hops.size() - Math.max(1, trustedHops));
    return hops.get(index);
  }
}
