package com.utalk.flags;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.utalk.errors.ValidationException;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A flag an admin saves: a rollout from 0 to 100 % and an allow-list of at most 500 entries, each
 * refusal naming its field; and whether a save changed the rules (only then is {@code
 * flags:changed} sent and an audit entry written).
 */
class FlagDefinitionTest {
  private static FlagDefinition flag(int percent, List<String> allowList, boolean kill) {
    return new FlagDefinition(
        "new-ui",
        "the new inbox",
        FlagTargeting.WORKSPACE,
        percent,
        allowList,
        kill,
        Instant.parse("2026-12-04T10:00:00Z"),
        "admin-1");
  }

  @Test
  void theRolloutIsAPercentage() {
    assertEquals(0, flag(0, null, false).rolloutPercent());
    assertEquals(100, flag(100, null, false).rolloutPercent());
    for (int wrong : new int[] {-1, 101}) {
      ValidationException e =
          assertThrows(ValidationException.class, () -> flag(wrong, null, false));
      assertEquals("rolloutPercent", e.field());
      assertEquals(400, e.status());
    }
  }

  @Test
  void theAllowListHoldsAtMostFiveHundredEntries() {
    assertEquals(List.of(), flag(10, null, false).allowList(), "no list is an empty one");
    assertEquals(500, flag(10, Collections.nCopies(500, "ws-1"), false).allowList().size());
    ValidationException e =
        assertThrows(
            ValidationException.class, () -> flag(10, Collections.nCopies(501, "ws-1"), false));
    assertEquals("allowList", e.field());
  }

  @Test
  void onlyARulesChangeCountsAsAChange() {
    FlagDefinition saved = flag(25, List.of("ws-1"), false);
    FlagDefinition resaved =
        new FlagDefinition(
            "new-ui",
            "reworded",
            FlagTargeting.WORKSPACE,
            25,
            List.of("ws-1"),
            false,
            Instant.parse("2026-12-05T10:00:00Z"),
            "admin-2");
    assertTrue(saved.sameRules(resaved), "description, time and author are not rules");
    assertFalse(saved.sameRules(flag(30, List.of("ws-1"), false)));
    assertFalse(saved.sameRules(flag(25, List.of("ws-2"), false)));
    assertFalse(saved.sameRules(flag(25, List.of("ws-1"), true)));
    assertFalse(
        saved.sameRules(
            new FlagDefinition(
                "new-ui", "", FlagTargeting.USER, 25, List.of("ws-1"), false, null, null)));
    assertFalse(saved.sameRules(null), "a new flag");
  }
}
