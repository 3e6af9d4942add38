package com.utalk.functions.api;

import com.utalk.audit.AuditActions;
import com.utalk.audit.AuditLog;
import com.utalk.auth.AuthModule;
import com.utalk.auth.Permission;
import com.utalk.auth.keys.KeyRotation;
import com.utalk.conversations.Limits;
import com.utalk.errors.ConflictException;
import java.util.List;
import java.util.Map;

/** The audit log and the on-demand JWT secret rotation (a force action, audited). */
final class AdminRoutes {
  private final AuthModule auth;

  AdminRoutes(AuthModule auth) {
    this.auth = auth;
  }

  List<Route> routes() {
    return List.of(
        Route.get("/api/audit-logs", Access.requires(Permission.AUDIT_READ), this::auditLogs),
        Route.post(
            "/api/admin/jwt-secret/rotate",
            Access.requires(Permission.SECRETS_ROTATE),
            this::rotate));
  }

  private Reply auditLogs(ApiRequest request) {
    AuditLog.Page page =
        auth.audit()
            .list(
                request.principal().workspaceId(),
                Limits.of(request.queryInt("limit")),
                request.query("cursor"));
    Object next =
        page.nextCursor() == null
            ? com.fasterxml.jackson.databind.node.NullNode.getInstance()
            : page.nextCursor();
    return Reply.ok(Map.of("items", page.items(), "nextCursor", next));
  }

  private Reply rotate(ApiRequest request) {
    if (!auth.keys().ring().rotatable()) {
      throw new ConflictException(
          "not_rotatable",
          "the JWT secret comes from JWT_SECRET here; rotate it in Secret Manager");
    }
    KeyRotation.Outcome outcome = auth.rotation().unlessRecent();
    if (!outcome.rotated()) {
      throw new ConflictException(
          "rotated_recently", "the JWT secret was rotated less than an hour ago");
    }
    auth.audit()
        .record(
            auth.audit()
                .entry(
                    request.principal(),
                    request.requestId(),
                    AuditActions.JWT_SECRET_ROTATE,
                    "jwt_secret",
                    outcome.newKid(),
                    Map.of("kid", outcome.previousKid()),
                    Map.of("kid", outcome.newKid())));
    return Reply.ok(
        Map.of(
            "previousKid",
            outcome.previousKid(),
            "kid",
            outcome.newKid(),
            "retiredKids",
            outcome.retiredKids()));
  }
}
