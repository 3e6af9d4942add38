package com.utalk.realtime.session;

import com.utalk.errors.ApiProblem;
import com.utalk.errors.ValidationException;
import com.utalk.logging.Log;
import com.utalk.logging.RequestContext;
import com.utalk.metrics.SocketMetrics;
import com.utalk.realtime.socketio.Ack;
import com.utalk.realtime.socketio.Args;
import com.utalk.realtime.socketio.EventHandler;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs one client event the way every event runs: a fresh requestId (it rides along into the
 * functions' logs through the Pub/Sub attribute), a "received"/"processed" log pair, the socket
 * metrics, and an ack in one shape — {@code {ok: true, requestId, ...}} or
 * {@code {ok: false, error, message, requestId}}. A failure never throws the socket away.
 */
public final class SocketCall {
  /** The work of one event: returns the fields of a successful ack. */
  @FunctionalInterface
  public interface Work {
    Map<String, Object> run(Args args, String requestId) throws Exception;
  }

  private static final Log LOG = Log.get(SocketCall.class);

  private final SocketMetrics metrics;
  private final Executor blockingWork;

  public SocketCall(SocketMetrics metrics, Executor blockingWork) {
    this.metrics = metrics;
    this.blockingWork = blockingWork;
  }

  /** For work that reads or writes Firestore or Pub/Sub: runs on the blocking-work pool. */
  public EventHandler blocking(Connection connection, String event, Work work) {
    return (args, ack) -> {
      long started = System.nanoTime();
      String requestId = RequestContext.newRequestId();
      try {
        blockingWork.execute(() -> run(connection, event, work, args, ack, requestId, started));
      } catch (RejectedExecutionException e) {
        reply(ack, failure("unavailable", "the server is busy or shutting down; retry", requestId));
        metrics.event(event, System.nanoTime() - started, true);
      }
    };
  }

  /** For work that only touches memory (typing relays): runs on the socket's own thread. */
  public EventHandler inline(Connection connection, String event, Work work) {
    return (args, ack) -> run(connection, event, work, args, ack, RequestContext.newRequestId(), System.nanoTime());
  }

  private void run(Connection connection, String event, Work work, Args args, Ack ack, String requestId, long started) {
    boolean failed = false;
    try (RequestContext.Scope ignored = new RequestContext(requestId, null).open()) {
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("event", event);
      fields.put("socketId", connection.id());
      fields.put("userId", connection.principal().uid());
      String conversationId = args.get(0).path("conversationId").textValue();
      String messageId = args.get(0).path("messageId").textValue();
      if (conversationId != null) {
        fields.put("conversationId", conversationId);
      }
      if (messageId != null) {
        fields.put("messageId", messageId);
      }
      LOG.info("socket event received", flatten(fields));
      Map<String, Object> reply;
      try {
        Map<String, Object> result = work.run(args, requestId);
        reply = new LinkedHashMap<>();
        reply.put("ok", true);
        reply.putAll(result);
        reply.put("requestId", requestId);
        LOG.info("socket event processed", flatten(fields));
      } catch (ApiProblem problem) {
        failed = problem.status() >= 500;
        reply = failure(problem.code(), problem.getMessage(), requestId);
        if (problem instanceof ValidationException validation && validation.field() != null) {
          reply.put("field", validation.field());
        }
        LOG.info("socket event refused", flatten(fields, "error", problem.code()));
      } catch (IllegalArgumentException bad) {
        reply = failure("validation_failed", bad.getMessage(), requestId);
        LOG.info("socket event refused", flatten(fields, "error", "validation_failed"));
      } catch (Exception unexpected) {
        failed = true;
        reply = failure("internal", "the event could not be handled; retry", requestId);
        LOG.error("socket event failed", unexpected, flatten(fields));
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

  private static Map<String, Object> failure(String error, String message, String requestId) {
    Map<String, Object> reply = new LinkedHashMap<>();
    reply.put("ok", false);
    reply.put("error", error);
    reply.put("message", message);
    reply.put("requestId", requestId);
    return reply;
  }

  private static Object[] flatten(Map<String, Object> fields, Object... more) {
    Object[] keyValues = new Object[fields.size() * 2 + more.length];
    int i = 0;
    for (Map.Entry<String, Object> field : fields.entrySet()) {
      keyValues[i++] = field.getKey();
      keyValues[i++] = field.getValue();
    }
    System.arraycopy(more, 0, keyValues, i, more.length);
    return keyValues;
  }
}
