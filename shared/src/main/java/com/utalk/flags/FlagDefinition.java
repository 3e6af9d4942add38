package com.utalk.flags;

import com.utalk.errors.ValidationException;
import java.time.Instant;
import java.util.List;

/**
 * One feature flag as admins define it ({@code featureFlags/{key}}).
 *
 * @param rolloutPercent share of targeting keys (workspaces or users) that get the flag, 0–100
 * @param allowList user ids or e-mails (user flags) or workspace ids (workspace flags) that get the
 *     flag whatever the percentage
 * @param killSwitch on: the flag is off for everybody, allow-list included (the emergency stop)
 */
public record FlagDefinition(
    String key,
    String description,
    FlagTargeting targeting,
    int rolloutPercent,
    List<String> allowList,
    boolean killSwitch,
    Instant updatedAt,
    String updatedBy) {
  public static final int MAX_ALLOW_LIST = 500;

  public FlagDefinition {
    allowList = allowList == null ? List.of() : List.copyOf(allowList);
    if (rolloutPercent < 0 || rolloutPercent > 100) {
      throw new ValidationException("rolloutPercent", "rolloutPercent must be between 0 and 100");
    }
    if (allowList.size() > MAX_ALLOW_LIST) {
      throw new ValidationException(
          "allowList", "allowList holds at most " + MAX_ALLOW_LIST + " entries");
    }
  }

  /** Same flag, same rules: what a change of only the bookkeeping fields does not alter. */
  public boolean sameRules(FlagDefinition other) {
    return other != null
        && targeting == other.targeting
        && rolloutPercent == other.rolloutPercent
        && allowList.equals(other.allowList)
        && killSwitch == other.killSwitch;
  }
}
