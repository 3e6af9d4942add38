package com.utalk.functions.api;

import com.utalk.auth.PermissionPolicy;
import com.utalk.auth.Principal;
import com.utalk.auth.token.AccessTokenVerifier;
import com.utalk.errors.MethodNotAllowedException;
import com.utalk.errors.NotFoundException;
import com.utalk.errors.UnauthenticatedException;
import com.utalk.functions.http.HttpCall;
import com.utalk.validation.DocumentId;
import com.utalk.versions.ApiVersion;
import com.utalk.versions.ApiVersions;
import com.utalk.versions.VersionPolicy;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Finds the route for a request, authenticates and authorises it as the route demands (through the
 * one policy), then runs its adapter and renders the reply. Errors travel as exceptions to {@link
 * HttpCall}, which renders the one JSON error shape.
 */
public final class Router {
  private final List<Route> routes;
  private final AccessTokenVerifier verifier;
  private final PermissionPolicy policy;
  private final VersionPolicy versions;

  public Router(
      List<Route> routes,
      AccessTokenVerifier verifier,
      PermissionPolicy policy,
      VersionPolicy versions) {
    this.routes = List.copyOf(routes);
    this.verifier = verifier;
    this.policy = policy;
    this.versions = versions;
  }

  public List<Route> routes() {
    return routes;
  }

  public void dispatch(HttpCall call) throws IOException {
    String method = call.request().getMethod().toUpperCase(Locale.ROOT);
    String path = call.request().getPath();
    List<Route> onPath =
        routes.stream().filter(route -> route.path().match(path).isPresent()).toList();
    if (onPath.isEmpty()) {
      throw new NotFoundException("no such endpoint: " + path);
    }
    Optional<Route> found =
        onPath.stream().filter(route -> route.method().equals(method)).findFirst();
    if (found.isEmpty()) {
      throw new MethodNotAllowedException(
          "use "
              + onPath.stream().map(Route::method).collect(Collectors.joining(" or "))
              + " on "
              + path);
    }
    Route route = found.get();
    call.route(route.path().template());
    Map<String, String> parameters = route.path().match(path).orElseThrow();
    ApiVersion version = version(call, path);
    Principal principal = null;
    if (route.access().authenticated()) {
      principal = verifier.verify(bearerToken(call));
      if (route.access().permission() != null) {
        policy.check(principal, route.access().permission());
      }
    }
    // every path parameter of this API names a document: one that cannot exist is not found
    // (after authentication, so an anonymous caller learns nothing from the id either)
    parameters.values().forEach(DocumentId::existing);
    Reply reply = route.handler().handle(new ApiRequest(call, parameters, principal, version));
    if (reply.status() == 204) {
      call.write(204, "application/json; charset=utf-8", new byte[0]);
    } else if (reply.body() instanceof Reply.Raw raw) {
      call.write(reply.status(), raw.contentType(), raw.bytes());
    } else {
      call.json(reply.status(), reply.body());
    }
  }

  /**
   * The API version the client named (X-API-Version; none = current) for /api/** routes: echoed,
   * with the deprecation headers while it is deprecated, and 410 after its sunset — before
   * authentication, so a retired client learns where to migrate even with a stale token.
   */
  private ApiVersion version(HttpCall call, String path) {
    if (!path.startsWith("/api/")) {
      return ApiVersions.CURRENT;
    }
    ApiVersion version = ApiVersions.resolve(call.header(ApiVersions.HEADER));
    versions.headers(version).forEach(call::responseHeader);
    versions.refuseIfSunset(version);
    call.responseHeader(ApiVersions.HEADER, version.name());
    return version;
  }

  private static String bearerToken(HttpCall call) {
    String header = call.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new UnauthenticatedException(
          "missing_token", "send the access token as Authorization: Bearer <token>");
    }
    return header.substring(7).trim();
  }
}
