package com.utalk.migrations;

import com.google.cloud.firestore.QueryDocumentSnapshot;
import com.utalk.storage.Collections;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * 1.2.0: every user gets default {@code preferences} (Spanish, Mexico City time, email and push
 * notifications on); users who already have preferences keep theirs. There is no exact {@code down}
 * (it cannot tell defaults it added from the same values chosen by a user), so a failure rolls back
 * by restoring the pre-migration backup.
 */
public final class V1_2_0__AddUserPreferences implements Migration {
  public static final Map<String, Object> DEFAULTS =
      Map.of(
          "language",
          "es",
          "timezone",
          "America/Mexico_City",
          "notifications",
          Map.of("email", true, "push", true));

  @Override
  public String description() {
    return "Add default user preferences";
  }

  @Override
  public void up(MigrationContext context) throws Exception {
    context.scan(
        Collections.USERS,
        page -> {
          for (QueryDocumentSnapshot user : page) {
            if (!user.contains("preferences")) {
              context
                  .writes()
                  .update(user.getReference().getPath(), Map.of("preferences", DEFAULTS));
            }
          }
        });
  }

  @Override
  public List<String> validate(MigrationContext context) throws Exception {
    List<String> violations = new ArrayList<>();
    context.scan(
        Collections.USERS,
        page -> {
          for (QueryDocumentSnapshot user : page) {
            if (!(user.get("preferences.language") instanceof String)
                || !(user.get("preferences.timezone") instanceof String)
                || !(user.get("preferences.notifications.email") instanceof Boolean)
                || !(user.get("preferences.notifications.push") instanceof Boolean)) {
              violations.add("users/" + user.getId() + " has no complete preferences");
            }
          }
        });
    return violations;
  }
}
