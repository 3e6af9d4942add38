package com.utalk.functions.flags;

import com.utalk.auth.Permission;
import com.utalk.auth.users.User;
import com.utalk.auth.users.UserRepository;
import com.utalk.errors.ValidationException;
import com.utalk.flags.FeatureFlags;
import com.utalk.flags.FlagAdministration;
import com.utalk.flags.FlagChange;
import com.utalk.flags.FlagContexts;
import com.utalk.flags.FlagTargeting;
import com.utalk.functions.api.Access;
import com.utalk.functions.api.ApiRequest;
import com.utalk.functions.api.Reply;
import com.utalk.functions.api.Route;
import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.EvaluationContext;
import dev.openfeature.sdk.FlagEvaluationDetails;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * {@code GET /api/flags}: every flag evaluated for the caller (the front end's view), through
 * OpenFeature's Client. {@code /api/admin/flags/**}: list, change and roll out (audited).
 */
public final class FlagRoutes {
  private final Supplier<FeatureFlags> flags;
  private final Supplier<FlagAdministration> administration;
  private final UserRepository users;

  public FlagRoutes(
      Supplier<FeatureFlags> flags,
      Supplier<FlagAdministration> administration,
      UserRepository users) {
    this.flags = flags;
    this.administration = administration;
    this.users = users;
  }

  public List<Route> routes() {
    return List.of(
        Route.get("/api/flags", Access.AUTHENTICATED, this::evaluate),
        Route.get("/api/admin/flags", Access.requires(Permission.FLAGS_READ), this::list),
        Route.put("/api/admin/flags/{key}", Access.requires(Permission.FLAGS_MANAGE), this::change),
        Route.post(
            "/api/admin/flags/{key}/rollout",
            Access.requires(Permission.FLAGS_MANAGE),
            this::rollout));
  }

  private Reply evaluate(ApiRequest request) {
    // the allow-lists of user flags may name e-mails (the operations document does)
    String email = users.findById(request.principal().uid()).map(User::email).orElse(null);
    EvaluationContext context = FlagContexts.of(request.principal(), email);
    Client client = flags.get().client();
    Map<String, Object> values = new LinkedHashMap<>();
    Map<String, Object> details = new LinkedHashMap<>();
    for (String key : new TreeSet<>(flags.get().keys())) {
      FlagEvaluationDetails<Boolean> evaluation = client.getBooleanDetails(key, false, context);
      values.put(key, evaluation.getValue());
      details.put(
          key,
          Map.of("value", evaluation.getValue(), "reason", String.valueOf(evaluation.getReason())));
    }
    return Reply.ok(
        Map.of(
            "flags",
            values,
            "details",
            details,
            "refreshSeconds",
            flags.get().refresh().toSeconds()));
  }

  private Reply list(ApiRequest request) {
    return Reply.ok(Map.of("items", administration.get().list(request.principal())));
  }

  private Reply change(ApiRequest request) throws IOException {
    ApiRequest.JsonBody body = request.json();
    String targeting = body.string("targeting");
    FlagChange change =
        new FlagChange(
            body.string("description"),
            targeting == null ? null : FlagTargeting.parse(targeting, "targeting"),
            percent(body, false),
            body.node().has("allowList") ? body.strings("allowList") : null,
            body.node().has("killSwitch") ? body.bool("killSwitch", false) : null);
    return Reply.ok(
        administration
            .get()
            .change(request.principal(), request.path("key"), change, request.requestId()));
  }

  private Reply rollout(ApiRequest request) throws IOException {
    ApiRequest.JsonBody body = request.json();
    return Reply.ok(
        administration
            .get()
            .rollout(
                request.principal(),
                request.path("key"),
                percent(body, true),
                request.requestId()));
  }

  private static Integer percent(ApiRequest.JsonBody body, boolean required) {
    var node = body.node().get("rolloutPercent");
    if (node == null || node.isNull()) {
      if (required) {
        throw new ValidationException("rolloutPercent", "rolloutPercent is required (0-100)");
      }
      return null;
    }
    if (!node.isInt() || node.intValue() < 0 || node.intValue() > 100) {
      throw new ValidationException(
          "rolloutPercent", "rolloutPercent must be a whole number between 0 and 100");
    }
    return node.intValue();
  }
}
