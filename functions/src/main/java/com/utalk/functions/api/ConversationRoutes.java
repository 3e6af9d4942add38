package com.utalk.functions.api;

import com.utalk.auth.Permission;
import com.utalk.conversations.AgentMessages;
import com.utalk.conversations.AssignRequest;
import com.utalk.conversations.ConversationActions;
import com.utalk.conversations.ConversationFilter;
import com.utalk.conversations.ConversationQueries;
import com.utalk.conversations.Limits;
import com.utalk.errors.ValidationException;
import com.utalk.messaging.ConversationStatus;
import com.utalk.versions.MessageIds;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** /api/conversations/**: thin adapters over the conversation services. */
final class ConversationRoutes {
  private final ConversationQueries queries;
  private final ConversationActions actions;
  private final Supplier<AgentMessages> messages;

  ConversationRoutes(
      ConversationQueries queries, ConversationActions actions, Supplier<AgentMessages> messages) {
    this.queries = queries;
    this.actions = actions;
    this.messages = messages;
  }

  List<Route> routes() {
    return List.of(
        Route.get("/api/conversations", Access.requires(Permission.CONVERSATIONS_READ), this::list),
        Route.get(
            "/api/conversations/{id}", Access.requires(Permission.CONVERSATIONS_READ), this::get),
        Route.get(
            "/api/conversations/{id}/messages",
            Access.requires(Permission.CONVERSATIONS_READ),
            this::messages),
        Route.post(
            "/api/conversations/{id}/messages",
            Access.requires(Permission.MESSAGES_SEND),
            this::send),
        // the finer assign rules (others, force) are checked by the service through the same policy
        Route.post(
            "/api/conversations/{id}/assign",
            Access.requires(Permission.CONVERSATIONS_ASSIGN_SELF),
            this::assign),
        Route.post(
            "/api/conversations/{id}/close",
            Access.requires(Permission.CONVERSATIONS_CLOSE),
            this::close),
        Route.post(
            "/api/conversations/{id}/reopen",
            Access.requires(Permission.CONVERSATIONS_CLOSE),
            this::reopen));
  }

  private Reply list(ApiRequest request) {
    String assignedTo = request.query("assignedTo");
    if ("me".equals(assignedTo)) {
      assignedTo = request.principal().uid();
    }
    ConversationFilter filter =
        new ConversationFilter(
            status(request.query("status")), request.queryBoolean("botEnabled"), assignedTo);
    var page =
        queries.list(
            request.principal(),
            filter,
            Limits.of(request.queryInt("limit")),
            request.query("cursor"));
    return Reply.ok(Map.of("items", page.items(), "nextCursor", nullable(page.next())));
  }

  private Reply get(ApiRequest request) {
    return Reply.ok(queries.get(request.principal(), request.path("id")));
  }

  private Reply messages(ApiRequest request) {
    var page =
        queries.messages(
            request.principal(),
            request.path("id"),
            request.queryLong("before"),
            Limits.of(request.queryInt("limit")));
    return Reply.ok(
        Map.of(
            "items",
            page.items(),
            "nextBefore",
            nullable(page.next() == null ? null : Long.valueOf(page.next()))));
  }

  private Reply send(ApiRequest request) throws IOException {
    ApiRequest.JsonBody body = request.json();
    AgentMessages.Sent sent =
        messages
            .get()
            .send(
                request.principal(),
                request.path("id"),
                MessageIds.forSend(request.apiVersion(), body.string("messageId")),
                body.string("body"),
                body.strings("mediaIds"),
                request.requestId());
    return Reply.accepted(sent.message());
  }

  private Reply assign(ApiRequest request) throws IOException {
    ApiRequest.JsonBody body = request.json();
    AssignRequest assign = new AssignRequest(body.string("agentId"), body.bool("force", false));
    return Reply.ok(
        actions.assign(request.principal(), request.path("id"), assign, request.requestId()));
  }

  private Reply close(ApiRequest request) {
    return Reply.ok(actions.close(request.principal(), request.path("id"), request.requestId()));
  }

  private Reply reopen(ApiRequest request) {
    return Reply.ok(actions.reopen(request.principal(), request.path("id"), request.requestId()));
  }

  private static ConversationStatus status(String value) {
    if (value == null) {
      return null;
    }
    for (ConversationStatus status : ConversationStatus.values()) {
      if (status.wire().equals(value)) {
        return status;
      }
    }
    throw new ValidationException(
        "status", "status must be one of open, pending, escalated, closed");
  }

  /** Map.of refuses nulls; JSON wants an explicit null for "no next page". */
  private static Object nullable(Object value) {
    return value == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : value;
  }
}
