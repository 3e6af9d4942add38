package com.utalk.realtime.auth;

import com.utalk.auth.token.AccessTokenVerifier;
import com.utalk.errors.UnauthenticatedException;
import com.utalk.logging.Log;
import com.utalk.metrics.SocketMetrics;
import com.utalk.realtime.socketio.AuthResult;
import com.utalk.realtime.socketio.Authenticator;
import com.utalk.realtime.socketio.Handshake;
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
 */
public final class TokenAuthenticator implements Authenticator {
  private static final Log LOG = Log.get(TokenAuthenticator.class);

  private final AccessTokenVerifier verifier;
  private final SocketMetrics metrics;
  private final Executor executor;

  public TokenAuthenticator(AccessTokenVerifier verifier, SocketMetrics metrics, Executor executor) {
    this.verifier = verifier;
    this.metrics = metrics;
    this.executor = executor;
  }

  @Override
  public CompletionStage<AuthResult> authenticate(Handshake handshake) {
    Optional<String> token = handshake.token();
    if (token.isEmpty()) {
      metrics.connectionAttempt("rejected");
      return CompletableFuture.completedFuture(AuthResult.reject());
    }
    return CompletableFuture.supplyAsync(() -> verify(token.get()), executor);
  }

  private AuthResult verify(String token) {
    try {
      // "ok" is counted when the socket is actually connected (RealtimeServer), so the active gauge
      // only ever counts sockets whose disconnect will be counted too
      AccessTokenVerifier.Verified verified = verifier.verifyUntil(token);
      return AuthResult.accept(new SocketPrincipal(verified.principal(), verified.expiresAt()));
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
