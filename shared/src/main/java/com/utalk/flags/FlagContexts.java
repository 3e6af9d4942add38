package com.utalk.flags;

import com.utalk.auth.Principal;
import dev.openfeature.sdk.EvaluationContext;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.Value;
import java.util.HashMap;
import java.util.Map;

/**
 * OpenFeature evaluation contexts of this system: the targeting key is the user id (or the
 * workspace id when a workspace acts without a user, as the bot does), with the attributes {@code
 * userId}, {@code workspaceId} and, when known, {@code email}.
 */
public final class FlagContexts {
  public static final String USER_ID = "userId";
  public static final String WORKSPACE_ID = "workspaceId";
  public static final String EMAIL = "email";

  private FlagContexts() {}

  public static EvaluationContext of(Principal principal, String email) {
    Map<String, Value> attributes = new HashMap<>();
    attributes.put(USER_ID, new Value(principal.uid()));
    attributes.put(WORKSPACE_ID, new Value(principal.workspaceId()));
    if (email != null) {
      attributes.put(EMAIL, new Value(email));
    }
    return new ImmutableContext(principal.uid(), attributes);
  }

  /** A workspace acting on its own (the bot). */
  public static EvaluationContext workspace(String workspaceId) {
    return new ImmutableContext(workspaceId, Map.of(WORKSPACE_ID, new Value(workspaceId)));
  }

  static FlagRules.Target target(EvaluationContext context) {
    return new FlagRules.Target(
        text(context, USER_ID), text(context, WORKSPACE_ID), text(context, EMAIL));
  }

  private static String text(EvaluationContext context, String name) {
    Value value = context == null ? null : context.getValue(name);
    return value == null || !value.isString() ? null : value.asString();
  }
}
