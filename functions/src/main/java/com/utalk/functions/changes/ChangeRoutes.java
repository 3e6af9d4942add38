package com.utalk.functions.changes;

import com.utalk.changes.Changelog;
import com.utalk.functions.api.Access;
import com.utalk.functions.api.ApiRequest;
import com.utalk.functions.api.Reply;
import com.utalk.functions.api.Route;
import com.utalk.versions.ApiVersion;
import com.utalk.versions.ApiVersions;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/changes}: the API versions with where each stands today (supported, deprecated,
 * sunset) and the released versions of CHANGELOG.md — the same data a release announces on the
 * socket as {@code api:changes}.
 */
public final class ChangeRoutes {
  private final Changelog changelog;
  private final Clock clock;

  public ChangeRoutes(Changelog changelog, Clock clock) {
    this.changelog = changelog;
    this.clock = clock;
  }

  public List<Route> routes() {
    return List.of(Route.get("/api/changes", Access.AUTHENTICATED, this::changes));
  }

  private Reply changes(ApiRequest request) {
    List<Map<String, Object>> versions = ApiVersions.ALL.stream().map(this::view).toList();
    return Reply.ok(
        Map.of(
            "current", ApiVersions.CURRENT.name(),
            "yours", request.apiVersion().name(),
            "gracePeriod", ApiVersions.GRACE.toString(),
            "versions", versions,
            "releases", changelog.releases()));
  }

  private Map<String, Object> view(ApiVersion version) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("version", version.name());
    view.put("status", version.phaseAt(clock.instant()).name().toLowerCase(java.util.Locale.ROOT));
    view.put("deprecated", version.deprecated());
    view.put("sunset", version.sunset());
    view.put(
        "migrationGuide",
        version.migrationGuide() == null ? null : version.migrationGuide().toString());
    return view;
  }
}
