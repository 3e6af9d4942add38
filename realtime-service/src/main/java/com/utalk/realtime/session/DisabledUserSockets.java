package com.utalk.realtime.session;

import com.utalk.auth.token.AccessTokenVerifier;
import com.utalk.auth.users.DisabledUsers;
import com.utalk.errors.ErrorBody;
import com.utalk.logging.Log;
import com.utalk.logging.RequestContext;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Closes the sockets of users an admin disabled. Every {@code interval} it reads the disabled users
 * (one cached document read, see {@link DisabledUsers}) and, when there are any, scans this
 * instance's connections for them: each gets {@value #EVENT} with the one error body ({@code error:
 * "account_disabled"}), then a server disconnect. Scanning every connection on every tick, not only
 * for newly disabled users, also catches a socket whose token was verified just before the disable
 * was seen. A reconnect is refused by the token check.
 */
public final class DisabledUserSockets implements AutoCloseable {
  public static final String EVENT = "session:revoked";
  private static final Log LOG = Log.get(DisabledUserSockets.class);

  private final DisabledUsers disabled;
  private final Connections connections;
  private final ScheduledExecutorService timer;

  public DisabledUserSockets(DisabledUsers disabled, Connections connections, Duration interval) {
    this.disabled = disabled;
    this.connections = connections;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "disabled-user-sockets");
              thread.setDaemon(true);
              return thread;
            });
    timer.scheduleWithFixedDelay(
        this::check, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  void check() {
    try {
      Set<String> uids = disabled.uids();
      if (uids.isEmpty()) {
        return;
      }
      List<Connection> doomed = connections.ofUsers(uids);
      for (Connection connection : doomed) {
        if (connection.socket().connected()) {
          LOG.info(
              "closing the socket of a disabled user",
              "socketId",
              connection.id(),
              "userId",
              connection.principal().uid());
          connection
              .socket()
              .emit(
                  EVENT,
                  ErrorBody.of(
                      AccessTokenVerifier.accountDisabled(), RequestContext.newRequestId()));
          connection.socket().disconnect();
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("could not check for disabled users' sockets", "cause", e.getMessage());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
