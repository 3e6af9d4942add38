package com.utalk.auth.session;

import com.utalk.auth.token.AccessToken;
import com.utalk.auth.users.User;

/** What a login or a refresh hands the client: a short access token and the next refresh token. */
public record Session(AccessToken accessToken, String refreshToken, User user) {
  @Override
  public String toString() {
    return "Session[user=" + user.id() + ", " + accessToken + "]";
  }
}
