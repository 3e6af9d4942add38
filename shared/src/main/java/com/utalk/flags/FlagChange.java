package com.utalk.flags;

import java.util.List;

/** What an admin changes on a flag; null fields are left as they are. */
public record FlagChange(
    String description,
    FlagTargeting targeting,
    Integer rolloutPercent,
    List<String> allowList,
    Boolean killSwitch) {
  public static FlagChange rollout(int percent) {
    return new FlagChange(null, null, percent, null, null);
  }

  FlagDefinition applyTo(FlagDefinition before, String key, java.time.Instant at, String by) {
    FlagDefinition base =
        before != null
            ? before
            : new FlagDefinition(key, null, FlagTargeting.WORKSPACE, 0, List.of(), false, at, by);
    return new FlagDefinition(
        key,
        description != null ? description : base.description(),
        targeting != null ? targeting : base.targeting(),
        rolloutPercent != null ? rolloutPercent : base.rolloutPercent(),
        allowList != null ? allowList : base.allowList(),
        killSwitch != null ? killSwitch : base.killSwitch(),
        at,
        by);
  }
}
