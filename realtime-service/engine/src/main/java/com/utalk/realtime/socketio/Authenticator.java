package com.utalk.realtime.socketio;

import java.security.Principal;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Decides whether a Socket.IO CONNECT is accepted. Called once per connection attempt (and again on
 * every reconnection), <b>on a Netty I/O thread</b>: it must not block. Checks that need I/O return
 * a stage completed later, or use {@link #blocking}. A refused client gets a {@code connect_error}
 * and its connection is closed; it never reaches any handler. An exception (or an exceptionally
 * completed stage) refuses with "server error" and is logged.
 */
@FunctionalInterface
public interface Authenticator {
  CompletionStage<AuthResult> authenticate(Handshake handshake);

  /** A fast, non-blocking check: a principal accepts, empty refuses with "unauthorized". */
  static Authenticator of(Function<Handshake, Optional<? extends Principal>> check) {
    return handshake ->
        CompletableFuture.completedFuture(
            check
                .apply(handshake)
                .<AuthResult>map(AuthResult::accept)
                .orElseGet(AuthResult::reject));
  }

  /** A check that may block (token introspection, key fetch): run on {@code executor}. */
  static Authenticator blocking(
      Function<Handshake, Optional<? extends Principal>> check, Executor executor) {
    return handshake ->
        CompletableFuture.supplyAsync(
            () ->
                check
                    .apply(handshake)
                    .<AuthResult>map(AuthResult::accept)
                    .orElseGet(AuthResult::reject),
            executor);
  }
}
