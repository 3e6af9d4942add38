package com.utalk.functions.api;

import com.utalk.auth.Permission;

/** What a route demands of the caller: nothing, a valid access token, or a permission as well. */
public record Access(boolean authenticated, Permission permission) {
  public static final Access PUBLIC = new Access(false, null);
  public static final Access AUTHENTICATED = new Access(true, null);

  public static Access requires(Permission permission) {
    return new Access(true, permission);
  }
}
