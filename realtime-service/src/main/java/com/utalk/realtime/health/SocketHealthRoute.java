package com.utalk.realtime.health;

import com.utalk.realtime.delivery.EventFanout;
import com.utalk.realtime.socketio.HttpRoute;
import com.utalk.realtime.socketio.SocketServer;
import com.utalk.realtime.subscription.InstanceSubscription;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /health/socket}: what the "Eventos RT sin acks" runbook reads first — connections,
 * rooms, this instance, whether its Pub/Sub subscription is pulling, and how far behind the last
 * fanned-out event was. 200 when the instance can deliver live events, 503 when its subscription is
 * not active or it is draining (so a load balancer stops sending it new clients).
 */
public final class SocketHealthRoute implements HttpRoute {
  private final SocketServer server;
  private final InstanceSubscription subscription;
  private final EventFanout fanout;
  private final String instanceId;
  private final BooleanSupplier draining;

  public SocketHealthRoute(
      SocketServer server,
      InstanceSubscription subscription,
      EventFanout fanout,
      String instanceId,
      BooleanSupplier draining) {
    this.server = server;
    this.subscription = subscription;
    this.fanout = fanout;
    this.instanceId = instanceId;
    this.draining = draining;
  }

  @Override
  public Response handle(Request request) {
    if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
      return Response.json(
          405,
          com.utalk.json.Json.writeBytes(
              new com.utalk.errors.ErrorBody("method_not_allowed", "use GET", null, null)));
    }
    boolean subscribed = subscription.state() == InstanceSubscription.State.ACTIVE;
    boolean drainingNow = draining.getAsBoolean();
    String status = drainingNow ? "draining" : subscribed ? "ok" : "degraded";

    Map<String, Object> sub = new LinkedHashMap<>();
    sub.put("name", subscription.name());
    sub.put("state", subscription.state().name().toLowerCase());
    sub.put("pull", subscription.mode().name().toLowerCase().replace('_', '-'));
    if (subscription.failure() != null) {
      sub.put("failure", subscription.failure());
    }
    EventFanout.Stats stats = fanout.stats();
    Map<String, Object> events = new LinkedHashMap<>();
    events.put("delivered", stats.delivered());
    events.put("duplicatesDropped", stats.duplicatesDropped());
    events.put("gapsFilled", stats.gapsFilled());
    events.put("lastEventAt", stats.lastEventAt());
    events.put("lastEventLagMs", stats.lastEventLagMs());

    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", status);
    body.put("instanceId", instanceId);
    body.put("connections", server.connectionCount());
    body.put("sessions", server.sessionCount());
    body.put("rooms", server.roomCount());
    body.put("droppedPackets", server.droppedPacketCount());
    body.put("subscription", sub);
    body.put("events", events);
    return Response.json(status.equals("ok") ? 200 : 503, com.utalk.json.Json.writeBytes(body));
  }
}
