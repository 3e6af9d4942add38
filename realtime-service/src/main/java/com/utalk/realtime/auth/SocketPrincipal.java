package com.utalk.realtime.auth;

import com.utalk.auth.Principal;
import com.utalk.versions.ApiVersion;
import java.time.Instant;

/**
 * What a socket was accepted as: the agent, when its access token (hence the socket) expires, and
 * the API version its front end speaks (handshake {@code auth.apiVersion}).
 */
public record SocketPrincipal(Principal principal, Instant expiresAt, ApiVersion apiVersion)
    implements java.security.Principal {
  @Override
  public String getName() {
    return principal.uid();
  }
}
