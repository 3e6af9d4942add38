package com.utalk.ops.release;

import com.utalk.audit.AuditActions;
import com.utalk.changes.ChangeAnnouncements;
import com.utalk.changes.Changelog;
import com.utalk.changes.Release;
import com.utalk.events.PubSubEventPublisher;
import com.utalk.ops.cli.Evidence;
import com.utalk.ops.cli.OpsContext;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every rollback does once the previous version serves, automatic ({@code release post}) or by
 * hand ({@code release rollback}): an audit entry {@code release.rollback} (target the version
 * taken back; before/after the versions), and the announcement to every connected front end —
 * {@code api:changes} with the serving version's changelog section and {@code rolledBackFrom}
 * (ChangeAnnouncements.publishRollback). The output prints both.
 */
final class RollbackAnnouncement {
  private RollbackAnnouncement() {}

  static List<Evidence> announce(
      OpsContext context,
      ReleaseInputs inputs,
      Deployment.Rollback rollback,
      Map<String, Object> why) {
    Map<String, Object> before = new LinkedHashMap<>();
    before.put("version", String.valueOf(rollback.from()));
    Map<String, Object> after = new LinkedHashMap<>(why);
    after.put("version", String.valueOf(rollback.to()));
    context.audit(
        "*",
        AuditActions.RELEASE_ROLLBACK,
        "release",
        String.valueOf(rollback.from()),
        before,
        after);
    List<Evidence> evidence = new ArrayList<>();
    evidence.add(
        Evidence.of(
            "audit",
            "release.rollback "
                + rollback.from()
                + " -> "
                + rollback.to()
                + " (request "
                + context.requestId()
                + ")"));
    try (PubSubEventPublisher publisher = new PubSubEventPublisher(context.target().pubsub())) {
      Release serving = serving(inputs, rollback.to());
      var event =
          new ChangeAnnouncements(publisher, context.clock())
              .publishRollback(serving, String.valueOf(rollback.from()), context.requestId());
      evidence.add(
          Evidence.of(
              "announced",
              "api:changes to every front end: version "
                  + serving.version()
                  + ", rolledBackFrom "
                  + rollback.from()
                  + " (event "
                  + event.eventId()
                  + ")"));
    } catch (Exception e) {
      // the rollback itself is done; say that the front ends were not told
      evidence.add(
          Evidence.of("announcement failed", e.getClass().getSimpleName() + ": " + e.getMessage()));
    }
    return evidence;
  }

  /**
   * The serving version's changelog section; a version the changelog does not list is announced
   * with no changes.
   */
  private static Release serving(ReleaseInputs inputs, String version) throws Exception {
    Changelog changelog =
        Changelog.parse(Files.readString(inputs.repoRoot().resolve("CHANGELOG.md")));
    return changelog.release(version).orElse(new Release(version, null, null, List.of()));
  }
}
