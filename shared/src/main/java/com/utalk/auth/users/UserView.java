package com.utalk.auth.users;

/** The user as API clients and audit entries see it. */
public record UserView(String id, String email, String name, String role, String workspaceId) {}
