package com.utalk.terraform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Check 5: the per-environment rules on the committed environments and on a bad one. */
class EnvironmentRulesTest {
  @Test
  void everyEnvironmentFollowsItsRules() {
    for (String env : Environments.NAMES) {
      assertEquals(
          List.of(),
          EnvironmentRules.check(
              Checks.tree(), Checks.REPO.modules(), Checks.REPO.environment(env), env),
          env);
    }
  }

  @Test
  void aProductionThatScalesToZeroWithoutProtectionFails() {
    HclFiles fixture = Checks.fixtures("bad-prod");
    List<String> problems =
        EnvironmentRules.check(
            fixture, Checks.fixture("bad-prod/modules"), Checks.fixture("bad-prod"), "prod");
    assertEquals(
        List.of(
            "prod: required_providers must pin google to exactly 6.50.0 (the schema the build checks)",
            "prod: the firestore module must set point_in_time_recovery_enablement = POINT_IN_TIME_RECOVERY_ENABLED",
            "prod: terraform.tfvars sets colour, which is not a variable",
            "prod: terraform.tfvars does not set variable region",
            "prod: function_sizing of api must set exactly [concurrency, cpu, max_instances, memory, min_instances], sets [cpu, max_instances, memory, min_instances]",
            "prod: realtime.min_instances must be at least 1 (found 0)",
            "prod: deletion_protection must be true (database and buckets)",
            "prod: log_retention_days must be 90 (found 7)"),
        problems);
  }

  @Test
  void developmentMayScaleToZero() {
    HclFiles fixture = Checks.fixtures("bad-prod");
    List<String> problems =
        EnvironmentRules.check(
            fixture, Checks.fixture("bad-prod/modules"), Checks.fixture("bad-prod"), "dev");
    // The same files as dev: zero instances and no protection are fine; the pins, PITR and
    // variables are not.
    assertEquals(
        List.of(
            "dev: required_providers must pin google to exactly 6.50.0 (the schema the build checks)",
            "dev: the firestore module must set point_in_time_recovery_enablement = POINT_IN_TIME_RECOVERY_ENABLED",
            "dev: terraform.tfvars sets colour, which is not a variable",
            "dev: terraform.tfvars does not set variable region",
            "dev: function_sizing of api must set exactly [concurrency, cpu, max_instances, memory, min_instances], sets [cpu, max_instances, memory, min_instances]",
            "dev: environment must be \"development\""),
        problems);
  }

  @Test
  void stagingKeepsAMonthOfLogsAndAnUnknownEnvironmentIsNamed() {
    HclFiles fixture = Checks.fixtures("bad-prod");
    List<String> staging =
        EnvironmentRules.check(
            fixture, Checks.fixture("bad-prod/modules"), Checks.fixture("bad-prod"), "staging");
    assertEquals(
        List.of(
            "staging: environment must be \"staging\"",
            "staging: log_retention_days must be 30 (found 7)"),
        staging.subList(staging.size() - 2, staging.size()));
    List<String> qa =
        EnvironmentRules.check(
            fixture, Checks.fixture("bad-prod/modules"), Checks.fixture("bad-prod"), "qa");
    assertEquals("unknown environment qa", qa.get(qa.size() - 1));
  }
}
