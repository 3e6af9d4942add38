package com.utalk.auth;

/**
 * An authenticated caller, as proven by a verified access token. Also a {@link
 * java.security.Principal} (named by uid), so transports that speak that type (the realtime
 * service's socket authenticator) can carry it as is.
 */
public record Principal(String uid, Role role, String workspaceId, String jti)
    implements java.security.Principal {
  @Override
  public String getName() {
    return uid;
  }
}
