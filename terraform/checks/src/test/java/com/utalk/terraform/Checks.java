package com.utalk.terraform;

import java.nio.file.Path;
import java.util.List;

/**
 * What the check tests share: the repository, its parsed Terraform (once per JVM) and the schema.
 */
final class Checks {
  static final Repo REPO = Repo.fromSystemProperty();
  private static HclFiles tree;
  private static ProviderSchema schema;

  private Checks() {}

  /** Every .tf/.tfvars of terraform/modules and terraform/environments. */
  static synchronized HclFiles tree() {
    if (tree == null) {
      tree = HclFiles.parse(REPO, List.of(REPO.modules(), REPO.environments()));
    }
    return tree;
  }

  static synchronized ProviderSchema schema() {
    if (schema == null) {
      schema =
          ProviderSchema.load(
              REPO,
              Path.of(
                  System.getProperty(
                      "terraform.schema.cache", "target/google-provider-schema.json")));
    }
    return schema;
  }

  static Path fixture(String name) {
    return REPO.terraform().resolve("checks/src/test/resources/fixtures").resolve(name);
  }

  static HclFiles fixtures(String folder) {
    return HclFiles.parse(REPO, List.of(fixture(folder)));
  }
}
