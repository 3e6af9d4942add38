package com.utalk.functions.auth;

import com.utalk.auth.session.Session;
import com.utalk.auth.users.UserView;

/** The login and refresh response. */
record SessionBody(
    String accessToken, String refreshToken, String tokenType, long expiresIn, UserView user) {
  static SessionBody of(Session session) {
    return new SessionBody(
        session.accessToken().value(),
        session.refreshToken(),
        "Bearer",
        session.accessToken().lifetime().toSeconds(),
        session.user().view());
  }
}
