package com.utalk.realtime.session;

import com.fasterxml.jackson.core.type.TypeReference;
import com.utalk.errors.ApiProblem;
import com.utalk.errors.ErrorBody;
import com.utalk.errors.InternalException;
import com.utalk.errors.Problems;
import com.utalk.errors.RateLimitedException;
import com.utalk.errors.ServiceUnavailableException;
import com.utalk.json.Json;
import com.utalk.logging.Log;
import com.utalk.logging.RequestContext;
import com.utalk.metrics.SocketMetrics;
import com.utalk.realtime.socketio.Ack;
import com.utalk.realtime.socketio.Args;
import com.utalk.realtime.socketio.EventHandler;
import com.utalk.validation.JsonText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs one client event the way every event runs: a fresh requestId (it rides along into the
 * functions' logs through the Pub/Sub attribute), a "received"/"processed" log pair, the socket
 * metrics, and an ack in one shape — {@code {ok: true, requestId, ...}} or {@code {ok: false,
 * error, message, requestId}}. A failure never throws the socket away.
 */
public final class SocketCall {
  /** The work of one event: returns the fields of a successful ack. */
  @FunctionalInterface
  public interface Work {
    Map<String, Object> run(Args args, String requestId) throws Exception;
  }

  private static final Log LOG = Log.get(SocketCall.class);

  /** The floor for every string of an event's arguments, as for REST bodies (docs/api.md). */
  static final int MAX_STRING_CHARS = 8192;

  private final SocketMetrics metrics;
  private final Executor blockingWork;
  private final SessionExpiry expiry;

  public SocketCall(SocketMetrics metrics, Executor blockingWork, SessionExpiry expiry) {
    this.metrics = metrics;
    this.blockingWork = blockingWork;
    this.expiry = expiry;
  }

  /** For work that reads or writes Firestore or Pub/Sub: runs on the blocking-work pool. */
  public EventHandler blocking(Connection connection, String event, Work work) {
    return (args, ack) -> {
      long started = System.nanoTime();
      String requestId = RequestContext.newRequestId();
      if (refusedUpFront(connection, event, ack, requestId, started)) {
        return;
      }
      try {
        blockingWork.execute(() -> run(connection, event, work, args, ack, requestId, started));
      } catch (RejectedExecutionException e) {
        reply(
            ack,
            failure(
                new ServiceUnavailableException("the server is busy or shutting down; retry"),
                requestId));
        metrics.event(event, System.nanoTime() - started, true);
      }
    };
  }

  /** For work that only touches memory (typing relays): runs on the socket's own thread. */
  public EventHandler inline(Connection connection, String event, Work work) {
    return (args, ack) -> {
      long started = System.nanoTime();
      String requestId = RequestContext.newRequestId();
      if (!refusedUpFront(connection, event, ack, requestId, started)) {
        run(connection, event, work, args, ack, requestId, started);
      }
    };
  }

  /**
   * Checked on the socket's thread before any work is queued: an expired session (the client is
   * told and disconnected) and the per-socket event rate (refused with {@code rate_limited} and
   * Retry-After; not logged per event, so a flood cannot flood the logs: it is counted instead).
   */
  private boolean refusedUpFront(
      Connection connection, String event, Ack ack, String requestId, long started) {
    if (expiry.expired(connection)) {
      reply(ack, failure(SessionExpiry.problem(), requestId));
      expiry.expire(connection);
      return true;
    }
    if (!connection.budget().tryTake(started)) {
      metrics.rateLimited(event);
      reply(
          ack,
          failure(
              new RateLimitedException(
                  "too many socket events: slow down", connection.budget().retryAfter(started)),
              requestId));
      return true;
    }
    return false;
  }

  private void run(
      Connection connection,
      String event,
      Work work,
      Args args,
      Ack ack,
      String requestId,
      long started) {
    boolean failed = false;
    try (RequestContext.Scope ignored = new RequestContext(requestId, null).open()) {
      List<Object> fields =
          new ArrayList<>(
              List.of(
                  "event",
                  event,
                  "socketId",
                  connection.id(),
                  "userId",
                  connection.principal().uid()));
      String conversationId = args.get(0).path("conversationId").textValue();
      String messageId = args.get(0).path("messageId").textValue();
      if (conversationId != null) {
        fields.addAll(List.of("conversationId", conversationId));
      }
      if (messageId != null) {
        fields.addAll(List.of("messageId", messageId));
      }
      LOG.info("socket event received", fields.toArray());
      Map<String, Object> reply;
      try {
        for (int i = 0; i < args.size(); i++) {
          JsonText.check(args.get(i), MAX_STRING_CHARS);
        }
        Map<String, Object> result = work.run(args, requestId);
        reply = new LinkedHashMap<>();
        reply.put("ok", true);
        reply.putAll(result);
        reply.put("requestId", requestId);
        LOG.info("socket event processed", fields.toArray());
      } catch (Exception error) {
        ApiProblem problem = Problems.of(error);
        failed = problem.status() >= 500;
        reply = failure(problem, requestId);
        if (problem instanceof InternalException) {
          LOG.error(
              "socket event failed",
              problem.getCause() == null ? problem : problem.getCause(),
              fields.toArray());
        } else {
          LOG.info("socket event refused", with(fields, "error", problem.code()));
        }
      }
      reply(ack, reply);
    } finally {
      metrics.event(event, System.nanoTime() - started, failed);
    }
  }

  private static void reply(Ack ack, Map<String, Object> reply) {
    if (ack.requested()) {
      ack.send(reply);
    }
  }

  /**
   * The HTTP error body ({@link ErrorBody}) behind {@code ok: false}, plus Retry-After in seconds
   * when set.
   */
  static Map<String, Object> failure(ApiProblem problem, String requestId) {
    Map<String, Object> reply = new LinkedHashMap<>();
    reply.put("ok", false);
    Map<String, Object> body =
        Json.mapper()
            .convertValue(
                ErrorBody.of(problem, requestId), new TypeReference<Map<String, Object>>() {});
    reply.putAll(body);
    String retryAfter = ErrorBody.retryAfterSeconds(problem);
    if (retryAfter != null) {
      reply.put("retryAfterSeconds", Long.parseLong(retryAfter));
    }
    return reply;
  }

  private static Object[] with(List<Object> fields, Object key, Object value) {
    List<Object> more = new ArrayList<>(fields);
    more.add(key);
    more.add(value);
    return more.toArray();
  }
}
