package com.utalk.flags;

/**
 * The decision for one flag and one caller, in this order: kill switch (off for all), allow-list
 * (on), rollout bucket (on when inside the percentage), else off. Workspace flags bucket and match
 * the allow-list on the workspace id; user flags on the user id, and the allow-list also on the
 * e-mail (the operations document lists users by e-mail).
 */
public final class FlagRules {
  /** Why the answer is what it is; the names are OpenFeature's standard reasons. */
  public enum Reason {
    DISABLED,
    TARGETING_MATCH,
    SPLIT,
    DEFAULT
  }

  public record Decision(boolean on, Reason reason) {}

  /**
   * Who is asking: the user (may be null for the bot, which acts for a workspace), the workspace,
   * the e-mail if known.
   */
  public record Target(String userId, String workspaceId, String email) {}

  private FlagRules() {}

  public static Decision decide(FlagDefinition flag, Target target) {
    if (flag.killSwitch()) {
      return new Decision(false, Reason.DISABLED);
    }
    String key =
        flag.targeting() == FlagTargeting.WORKSPACE ? target.workspaceId() : target.userId();
    if (key == null) {
      // a user flag asked without a user (the bot): nobody to bucket, so the default
      return new Decision(false, Reason.DEFAULT);
    }
    if (flag.allowList().contains(key)
        || (flag.targeting() == FlagTargeting.USER
            && target.email() != null
            && flag.allowList().contains(target.email()))) {
      return new Decision(true, Reason.TARGETING_MATCH);
    }
    if (flag.rolloutPercent() > 0 && Bucketing.inRollout(flag.key(), key, flag.rolloutPercent())) {
      return new Decision(true, Reason.SPLIT);
    }
    return new Decision(false, flag.rolloutPercent() == 0 ? Reason.DEFAULT : Reason.SPLIT);
  }
}
