package com.utalk.flags;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FlagRulesTest {
  private static FlagDefinition flag(
      FlagTargeting targeting, int percent, List<String> allow, boolean kill) {
    return new FlagDefinition("f", "d", targeting, percent, allow, kill, null, null);
  }

  @Test
  void aWorkspaceFlagGivesEveryUserOfAWorkspaceTheSameAnswer() {
    FlagDefinition half = flag(FlagTargeting.WORKSPACE, 50, List.of(), false);
    for (int w = 0; w < 50; w++) {
      boolean first = FlagRules.decide(half, new FlagRules.Target("u0", "ws-" + w, null)).on();
      for (int u = 1; u < 20; u++) {
        assertEquals(
            first, FlagRules.decide(half, new FlagRules.Target("u" + u, "ws-" + w, null)).on());
      }
    }
  }

  @Test
  void theAllowListMatchesUserIdsOrEmailsAndNobodyElse() {
    FlagDefinition beta = flag(FlagTargeting.USER, 0, List.of("user1@example.com", "uid-7"), false);
    assertTrue(
        FlagRules.decide(beta, new FlagRules.Target("uid-1", "ws", "user1@example.com")).on());
    assertTrue(FlagRules.decide(beta, new FlagRules.Target("uid-7", "ws", null)).on());
    assertEquals(
        FlagRules.Reason.TARGETING_MATCH,
        FlagRules.decide(beta, new FlagRules.Target("uid-7", "ws", null)).reason());
    assertFalse(
        FlagRules.decide(beta, new FlagRules.Target("uid-2", "ws", "user3@example.com")).on());
    // a workspace acting alone (the bot) has no user to match
    assertFalse(FlagRules.decide(beta, new FlagRules.Target(null, "ws", null)).on());
  }

  @Test
  void theKillSwitchTurnsTheFlagOffForEverybodyIncludingTheAllowList() {
    FlagDefinition killed = flag(FlagTargeting.USER, 100, List.of("uid-7"), true);
    assertFalse(FlagRules.decide(killed, new FlagRules.Target("uid-7", "ws", null)).on());
    assertFalse(FlagRules.decide(killed, new FlagRules.Target("uid-8", "ws", null)).on());
    assertEquals(
        FlagRules.Reason.DISABLED,
        FlagRules.decide(killed, new FlagRules.Target("uid-8", "ws", null)).reason());
  }

  @Test
  void zeroAndHundredPercentAreNobodyAndEverybody() {
    for (int i = 0; i < 500; i++) {
      assertFalse(
          FlagRules.decide(
                  flag(FlagTargeting.WORKSPACE, 0, List.of(), false),
                  new FlagRules.Target("u", "ws-" + i, null))
              .on());
      assertTrue(
          FlagRules.decide(
                  flag(FlagTargeting.WORKSPACE, 100, List.of(), false),
                  new FlagRules.Target("u", "ws-" + i, null))
              .on());
    }
  }
}
