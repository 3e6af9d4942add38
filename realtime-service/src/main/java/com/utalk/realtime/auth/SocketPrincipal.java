package com.utalk.realtime.auth;

import com.utalk.auth.Principal;
import java.time.Instant;

/** What a socket was accepted as: the agent, and when its access token (hence the socket) expires. */
public record SocketPrincipal(Principal principal, Instant expiresAt) implements java.security.Principal {
  @Override
  public String getName() {
    return principal.uid();
  }
}
