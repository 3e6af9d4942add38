package com.utalk.realtime.auth;

import com.utalk.auth.token.AccessTokenVerifier;
import com.utalk.errors.ApiProblem;
import com.utalk.errors.UnauthenticatedException;
import com.utalk.logging.Log;
import com.utalk.metrics.SocketMetrics;
import com.utalk.realtime.socketio.AuthResult;
import com.utalk.realtime.socketio.Authenticator;
import com.utalk.realtime.socketio.Handshake;
import com.utalk.versions.ApiVersion;
import com.utalk.versions.ApiVersions;
import com.utalk.versions.VersionPolicy;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Accepts a Socket.IO CONNECT whose {@code auth.token} (or {@code token} query parameter) is an
 * access token the REST API would accept — same verifier, same keys, so a rotated-out key or an
 * expired token is refused here too. Refusals all read "unauthorized"; the reason is logged by the
 * verifier. Verification may fetch signing keys, so it runs on {@code executor}, not on the I/O
 * thread. The socket keeps the token's expiry ({@link SocketPrincipal}) and is disconnected then.
 * The front end's API version ({@code auth.apiVersion}, else the {@code X-API-Version} header; none
 * = current) is checked first: an unknown one or one past its sunset is refused with a
 * connect_error that says so and where to migrate.
 */
public final class TokenAuthenticator implements Authenticator {
  private static final Log LOG = Log.get(TokenAuthenticator.class);

  private final AccessTokenVerifier verifier;
  private final SocketMetrics metrics;
  private final Executor executor;
  private final VersionPolicy versions;

  public TokenAuthenticator(
      AccessTokenVerifier verifier,
      SocketMetrics metrics,
      Executor executor,
      VersionPolicy versions) {
    this.verifier = verifier;
    this.metrics = metrics;
    this.executor = executor;
    this.versions = versions;
  }

  @Override
  public CompletionStage<AuthResult> authenticate(Handshake handshake) {
    ApiVersion version;
    try {
      version = version(handshake);
      versions.refuseIfSunset(version);
    } catch (ApiProblem refused) {
      metrics.connectionAttempt("rejected");
      return CompletableFuture.completedFuture(
          AuthResult.reject(refused.code() + ": " + refused.publicMessage()));
    }
    Optional<String> token = handshake.token();
    if (token.isEmpty()) {
      metrics.connectionAttempt("rejected");
      return CompletableFuture.completedFuture(AuthResult.reject());
    }
    return CompletableFuture.supplyAsync(() -> verify(token.get(), version), executor);
  }

  private static ApiVersion version(Handshake handshake) {
    var named = handshake.auth().path(ApiVersions.HANDSHAKE_FIELD);
    if (!named.isMissingNode() && !named.isNull() && !named.isTextual()) {
      throw new com.utalk.errors.ValidationException(
          ApiVersions.HANDSHAKE_FIELD, "auth.apiVersion must be a string such as v1.2");
    }
    return ApiVersions.resolve(
        named.isTextual() ? named.textValue() : handshake.header(ApiVersions.HEADER));
  }

  private AuthResult verify(String token, ApiVersion version) {
    try {
      // "ok" is counted when the socket is actually connected (RealtimeServer), so the active gauge
      // only ever counts sockets whose disconnect will be counted too
      AccessTokenVerifier.Verified verified = verifier.verifyUntil(token);
      return AuthResult.accept(
          new SocketPrincipal(verified.principal(), verified.expiresAt(), version));
    } catch (UnauthenticatedException e) {
      metrics.connectionAttempt("rejected");
      return AuthResult.reject();
    } catch (RuntimeException e) {
      // keys could not be loaded (Secret Manager / Firestore down): not the client's fault
      metrics.connectionAttempt("failed");
      LOG.error("socket authentication failed", e);
      return AuthResult.reject("server error");
    }
  }
}
