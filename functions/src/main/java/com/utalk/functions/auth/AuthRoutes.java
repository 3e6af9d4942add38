package com.utalk.functions.auth;

import com.utalk.auth.AuthModule;
import com.utalk.auth.Principal;
import com.utalk.errors.ValidationException;
import com.utalk.functions.api.Access;
import com.utalk.functions.api.ApiRequest;
import com.utalk.functions.api.Reply;
import com.utalk.functions.api.Route;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** /api/auth/*: login, refresh, logout (public) and "who am I". */
public final class AuthRoutes {
  private final AuthModule auth;

  public AuthRoutes(AuthModule auth) {
    this.auth = auth;
  }

  public List<Route> routes() {
    return List.of(
        Route.post("/api/auth/login", Access.PUBLIC, this::login),
        Route.post("/api/auth/refresh", Access.PUBLIC, this::refresh),
        Route.post("/api/auth/logout", Access.PUBLIC, this::logout),
        Route.get("/api/auth/me", Access.AUTHENTICATED, this::me));
  }

  private Reply login(ApiRequest request) throws IOException {
    ApiRequest.JsonBody body = request.json();
    String ip =
        ClientIp.from(request.header("X-Forwarded-For"), auth.settings().trustedProxyHops());
    return Reply.ok(
        SessionBody.of(auth.login().login(body.string("email"), body.string("password"), ip)));
  }

  private Reply refresh(ApiRequest request) throws IOException {
    return Reply.ok(SessionBody.of(auth.sessions().refresh(refreshToken(request))));
  }

  /**
   * Revokes the presented refresh token's family; answers 204 whether or not it was still valid.
   */
  private Reply logout(ApiRequest request) throws IOException {
    auth.sessions().logout(refreshToken(request));
    return Reply.noContent();
  }

  private Reply me(ApiRequest request) {
    Principal principal = request.principal();
    return Reply.ok(
        Map.of(
            "id",
            principal.uid(),
            "role",
            principal.role().wire(),
            "workspaceId",
            principal.workspaceId()));
  }

  private static String refreshToken(ApiRequest request) throws IOException {
    String token = request.json().string("refreshToken");
    if (token == null || token.isBlank()) {
      throw new ValidationException("refreshToken", "refreshToken is required");
    }
    return token;
  }
}
