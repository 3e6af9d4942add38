package com.utalk.realtime.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.utalk.auth.Permission;
import com.utalk.auth.PermissionPolicy;
import com.utalk.conversations.AgentMessages;
import com.utalk.conversations.ConversationQueries;
import com.utalk.conversations.ConversationView;
import com.utalk.errors.ValidationException;
import com.utalk.realtime.auth.SocketPrincipal;
import com.utalk.realtime.delivery.EventFanout;
import com.utalk.realtime.delivery.RoomNames;
import com.utalk.realtime.delivery.SyncResult;
import com.utalk.realtime.socketio.Args;
import com.utalk.realtime.socketio.Socket;
import com.utalk.realtime.socketio.SocketServer;
import com.utalk.validation.DocumentId;
import com.utalk.versions.MessageIds;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an agent's socket can do. On connection it joins its workspace, agent and everyone rooms;
 * then: {@code conversation:join} / {@code conversation:leave} (checked against the permission
 * policy and the workspace), {@code message:send} (the same service as the REST API), {@code
 * typing:start} / {@code typing:stop} (relayed to the conversation room, not stored) and {@code
 * sync:since} (missed events replayed from Firestore). Every event with a callback gets an ack in
 * {@link SocketCall}'s shape; every event counts against the socket's {@link EventBudget}, and the
 * socket is disconnected when its access token expires ({@link SessionExpiry}).
 */
public final class AgentHandlers {
  /** Most conversations one {@code sync:since} may name. */
  static final int MAX_SYNC_CONVERSATIONS = 100;

  private final SocketServer server;
  private final Connections connections;
  private final ConversationQueries conversations;
  private final AgentMessages messages;
  private final PermissionPolicy policy;
  private final EventFanout fanout;
  private final SocketCall call;
  private final SessionExpiry expiry;
  private final EventBudget.Policy budgets;
  private final Clock clock;

  public AgentHandlers(
      SocketServer server,
      Connections connections,
      ConversationQueries conversations,
      AgentMessages messages,
      PermissionPolicy policy,
      EventFanout fanout,
      SocketCall call,
      SessionExpiry expiry,
      EventBudget.Policy budgets,
      Clock clock) {
    this.server = server;
    this.connections = connections;
    this.conversations = conversations;
    this.messages = messages;
    this.policy = policy;
    this.fanout = fanout;
    this.call = call;
    this.expiry = expiry;
    this.budgets = budgets;
    this.clock = clock;
  }

  /**
   * Registered with {@link SocketServer#onConnection}: runs before the client learns it is
   * connected.
   */
  public void connected(Socket socket) {
    Connection connection = Connection.of(socket, budgets.newBudget());
    connections.add(connection);
    socket.onDisconnect(reason -> connections.remove(socket.id()));
    expiry.watch(connection);
    socket.join(RoomNames.EVERYONE);
    socket.join(RoomNames.workspace(connection.principal().workspaceId()));
    socket.join(RoomNames.agent(connection.principal().uid()));

    socket.on(
        "conversation:join",
        call.blocking(
            connection, "conversation:join", (args, requestId) -> join(connection, args)));
    socket.on(
        "conversation:leave",
        call.inline(
            connection, "conversation:leave", (args, requestId) -> leave(connection, args)));
    socket.on(
        "message:send",
        call.blocking(
            connection, "message:send", (args, requestId) -> send(connection, args, requestId)));
    socket.on(
        "typing:start",
        call.inline(
            connection,
            "typing:start",
            (args, requestId) -> typing(connection, args, "typing:start")));
    socket.on(
        "typing:stop",
        call.inline(
            connection,
            "typing:stop",
            (args, requestId) -> typing(connection, args, "typing:stop")));
    socket.on(
        "sync:since",
        call.blocking(connection, "sync:since", (args, requestId) -> sync(connection, args)));
  }

  private Map<String, Object> join(Connection connection, Args args) {
    String conversationId = requiredText(args.get(0), "conversationId");
    // 404 for a conversation of another workspace, 403 for a role without read access
    ConversationView conversation = conversations.get(connection.principal(), conversationId);
    connection.socket().join(RoomNames.conversation(conversationId));
    return Map.of("conversationId", conversationId, "seq", conversation.seq());
  }

  private Map<String, Object> leave(Connection connection, Args args) {
    String conversationId = requiredText(args.get(0), "conversationId");
    policy.check(connection.principal(), Permission.CONVERSATIONS_READ);
    connection.socket().leave(RoomNames.conversation(conversationId));
    return Map.of("conversationId", conversationId);
  }

  private Map<String, Object> send(Connection connection, Args args, String requestId) {
    JsonNode request = args.get(0);
    if (!request.isObject()) {
      throw new ValidationException(null, "message:send takes {messageId, conversationId, body}");
    }
    List<String> mediaIds = new ArrayList<>();
    JsonNode media = request.path("mediaIds");
    if (!media.isMissingNode() && !media.isNull()) {
      if (!media.isArray()) {
        throw new ValidationException("mediaIds", "mediaIds must be an array of strings");
      }
      for (JsonNode id : media) {
        if (!id.isTextual()) {
          throw new ValidationException("mediaIds", "mediaIds must be an array of strings");
        }
        mediaIds.add(id.textValue());
      }
    }
    AgentMessages.Sent sent =
        messages.send(
            connection.principal(),
            request.path("conversationId").textValue(),
            MessageIds.forSend(
                connection.socket().principal(SocketPrincipal.class).apiVersion(),
                request.path("messageId").textValue()),
            request.path("body").textValue(),
            mediaIds,
            requestId);
    Map<String, Object> reply = new LinkedHashMap<>();
    reply.put("messageId", sent.message().id());
    reply.put("status", sent.message().status());
    reply.put("created", sent.created());
    return reply;
  }

  private Map<String, Object> typing(Connection connection, Args args, String event) {
    String conversationId = requiredText(args.get(0), "conversationId");
    String room = RoomNames.conversation(conversationId);
    if (!connection.socket().rooms().contains(room)) {
      throw new ValidationException(
          "conversationId", "join the conversation before sending typing indicators");
    }
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("conversationId", conversationId);
    payload.put("userId", connection.principal().uid());
    payload.put("at", clock.instant());
    int recipients = server.to(room).except(connection.socket()).emit(event, payload);
    return Map.of("recipients", recipients);
  }

  /**
   * {@code {conversationId, seq}}, or {@code {conversations: [{conversationId, seq}, ...]}}, or
   * {@code {conversations: {id: seq, ...}}}: for each, the events after seq, then live ones.
   */
  private Map<String, Object> sync(Connection connection, Args args) {
    Map<String, Long> wanted = syncRequest(args.get(0));
    List<Map<String, Object>> results = new ArrayList<>();
    for (Map.Entry<String, Long> entry : wanted.entrySet()) {
      conversations.get(connection.principal(), entry.getKey());
      SyncResult result = fanout.sync(connection, entry.getKey(), entry.getValue());
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("conversationId", result.conversationId());
      item.put("fromSeq", result.fromSeq());
      item.put("replayed", result.replayed());
      item.put("lastSeq", result.lastSeq());
      item.put("complete", result.complete());
      results.add(item);
    }
    return Map.of("conversations", results);
  }

  private static Map<String, Long> syncRequest(JsonNode request) {
    Map<String, Long> wanted = new LinkedHashMap<>();
    if (request.has("conversationId")) {
      wanted.put(requiredText(request, "conversationId"), seqOf(request.path("seq")));
    }
    JsonNode many = request.path("conversations");
    if (many.isArray()) {
      for (JsonNode item : many) {
        wanted.put(requiredText(item, "conversationId"), seqOf(item.path("seq")));
      }
    } else if (many.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = many.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        wanted.put(DocumentId.require("conversations", field.getKey()), seqOf(field.getValue()));
      }
    }
    if (wanted.isEmpty()) {
      throw new ValidationException(
          "conversationId", "sync:since takes {conversationId, seq} or {conversations: [...]}");
    }
    if (wanted.size() > MAX_SYNC_CONVERSATIONS) {
      throw new ValidationException(
          "conversations", "at most " + MAX_SYNC_CONVERSATIONS + " conversations per sync:since");
    }
    return wanted;
  }

  private static long seqOf(JsonNode node) {
    if (node.isMissingNode() || node.isNull()) {
      return 0;
    }
    if (!node.canConvertToLong() || !node.isIntegralNumber() || node.asLong() < 0) {
      throw new ValidationException(
          "seq", "seq must be a non-negative integer (the last sequence number seen)");
    }
    return node.asLong();
  }

  private static String requiredText(JsonNode node, String field) {
    return DocumentId.require(field, node.path(field).textValue());
  }
}
