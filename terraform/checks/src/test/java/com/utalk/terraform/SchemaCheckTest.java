package com.utalk.terraform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Check 3: every resource and data block against the pinned google provider's schema. */
class SchemaCheckTest {
  @Test
  void theSchemaIsThePinnedProviderVersion() {
    assertEquals("6.50.0", Checks.schema().providerVersion());
    assertEquals("@cdktf/provider-google@16.12.1", Checks.schema().packageVersion());
    // required_providers pins the same version in every environment.
    for (String env : Environments.NAMES) {
      assertEquals(
          "6.50.0",
          Environments.pinnedGoogleProvider(Checks.tree(), Checks.REPO.environment(env)),
          env);
    }
  }

  @Test
  void everyResourceAndDataBlockMatchesTheSchema() {
    List<String> problems = new SchemaCheck(Checks.schema()).check(Checks.tree());
    assertEquals(List.of(), problems, String.join("\n", problems));
  }

  @Test
  void unknownAttributesBlocksTypesAndMissingRequiredOnesFail() {
    List<String> problems =
        new SchemaCheck(Checks.schema()).check(Checks.fixtures("schema-errors"));
    String all = String.join("\n", problems);
    assertTrue(
        all.contains("google_pubsub_topic.typo: unknown attribute or block \"message_retention\""),
        all);
    assertTrue(
        all.contains("google_storage_bucket.no_location: missing required attribute \"location\""),
        all);
    assertTrue(
        all.contains(
            "google_cloudfunctions2_function.bad_block.build_config: unknown attribute or block \"runtime_version\""),
        all);
    assertTrue(all.contains("has no resource type google_pubsub_topicc"), all);
    assertTrue(all.contains("data.google_project.bad: unknown attribute or block \"number\""), all);
    assertTrue(
        all.contains(
            "google_cloud_run_v2_service.no_template: missing required block \"template\""),
        all);
    assertTrue(all.contains("dynamic \"not_a_block\""), all);
    assertTrue(
        all.contains(
            "google_pubsub_subscription.block_as_attribute: \"expiration_policy\" is a block"),
        all);
    assertEquals(8, problems.size(), all);
  }
}
