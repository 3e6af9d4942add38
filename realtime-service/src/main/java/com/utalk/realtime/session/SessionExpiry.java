package com.utalk.realtime.session;

import com.utalk.errors.ErrorBody;
import com.utalk.errors.UnauthenticatedException;
import com.utalk.logging.Log;
import com.utalk.logging.RequestContext;
import com.utalk.metrics.SocketMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A socket lives no longer than the access token it connected with. When the token expires the
 * client first gets {@value #EVENT} with the one error body ({@code error: "token_expired"}), then
 * a server disconnect, so it knows to refresh its token and reconnect with the new one (it does not
 * reconnect by itself after a server disconnect). An event that races the timer is refused the same
 * way.
 */
public final class SessionExpiry {
  public static final String EVENT = "session:expired";
  private static final Log LOG = Log.get(SessionExpiry.class);

  private final ScheduledExecutorService timers;
  private final SocketMetrics metrics;
  private final Clock clock;

  public SessionExpiry(ScheduledExecutorService timers, SocketMetrics metrics, Clock clock) {
    this.timers = timers;
    this.metrics = metrics;
    this.clock = clock;
  }

  /**
   * The timer thread for every socket's expiry. A cancelled timer (the socket left first, the usual
   * case) is removed at once, so sockets that come and go do not pile up until their expiry.
   */
  public static ScheduledExecutorService timers() {
    ScheduledThreadPoolExecutor timers =
        new ScheduledThreadPoolExecutor(
            1,
            runnable -> {
              Thread thread = new Thread(runnable, "session-expiry");
              thread.setDaemon(true);
              return thread;
            });
    timers.setRemoveOnCancelPolicy(true);
    return timers;
  }

  public static UnauthenticatedException problem() {
    return new UnauthenticatedException(
        "token_expired",
        "the access token has expired: refresh it, then reconnect with the new token");
  }

  /** Schedules the disconnect at the token's expiry; cancelled when the socket goes first. */
  public void watch(Connection connection) {
    long delay = Math.max(0, Duration.between(clock.instant(), connection.expiresAt()).toMillis());
    ScheduledFuture<?> timer =
        timers.schedule(() -> expire(connection), delay, TimeUnit.MILLISECONDS);
    connection.socket().onDisconnect(reason -> timer.cancel(false));
  }

  public boolean expired(Connection connection) {
    return connection.expiredAt(clock.instant());
  }

  /** Tells the client why, then disconnects it. Safe to call more than once. */
  public void expire(Connection connection) {
    if (!connection.socket().connected()) {
      return;
    }
    metrics.sessionExpired();
    LOG.info(
        "socket session expired",
        "socketId",
        connection.id(),
        "userId",
        connection.principal().uid());
    connection.socket().emit(EVENT, ErrorBody.of(problem(), RequestContext.newRequestId()));
    connection.socket().disconnect();
  }
}
