package com.utalk.functions.api;

import com.utalk.auth.Permission;
import com.utalk.auth.Role;
import com.utalk.auth.users.User;
import com.utalk.auth.users.UserAdministration;
import com.utalk.auth.users.UserView;
import com.utalk.conversations.Limits;
import com.utalk.errors.ValidationException;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * /api/users/**: list the workspace's users; admins create users, change roles and disable accounts
 * (audited).
 */
final class UserRoutes {
  private final UserAdministration users;

  UserRoutes(UserAdministration users) {
    this.users = users;
  }

  List<Route> routes() {
    return List.of(
        Route.get("/api/users", Access.requires(Permission.USERS_READ), this::list),
        Route.post("/api/users", Access.requires(Permission.USERS_MANAGE), this::create),
        Route.put(
            "/api/users/{id}/role", Access.requires(Permission.USERS_MANAGE), this::changeRole),
        Route.put(
            "/api/users/{id}/status",
            Access.requires(Permission.USERS_MANAGE),
            this::changeStatus));
  }

  private Reply list(ApiRequest request) {
    int limit = Limits.of(request.queryInt("limit"));
    List<User> page = users.list(request.principal(), limit, request.query("cursor"));
    Object next =
        page.size() == limit
            ? page.get(page.size() - 1).email()
            : com.fasterxml.jackson.databind.node.NullNode.getInstance();
    return Reply.ok(Map.of("items", page.stream().map(User::view).toList(), "nextCursor", next));
  }

  private Reply create(ApiRequest request) throws IOException {
    ApiRequest.JsonBody body = request.json();
    User user =
        users.create(
            request.principal(),
            body.string("email"),
            body.string("name"),
            Role.parse(body.string("role"), "role"),
            body.string("password"));
    return Reply.created(user.view());
  }

  private Reply changeRole(ApiRequest request) throws IOException {
    Role role = Role.parse(request.json().string("role"), "role");
    return Reply.ok(users.changeRole(request.principal(), request.path("id"), role).view());
  }

  private Reply changeStatus(ApiRequest request) throws IOException {
    String status = request.json().string("status");
    boolean disabled;
    if (UserView.DISABLED.equals(status)) {
      disabled = true;
    } else if (UserView.ACTIVE.equals(status)) {
      disabled = false;
    } else {
      throw new ValidationException(
          "status", "status must be \"" + UserView.ACTIVE + "\" or \"" + UserView.DISABLED + "\"");
    }
    return Reply.ok(users.setDisabled(request.principal(), request.path("id"), disabled).view());
  }
}
