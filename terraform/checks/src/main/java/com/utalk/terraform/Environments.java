package com.utalk.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;

/** The three root modules (terraform/environments/{dev,staging,prod}) and what they pin. */
public final class Environments {
  public static final List<String> NAMES = List.of("dev", "staging", "prod");

  private Environments() {}

  /** required_providers.google.version of an environment's main.tf; null when not pinned. */
  public static String pinnedGoogleProvider(HclFiles files, Path environment) {
    for (JsonNode file : files.module(environment)) {
      for (JsonNode terraform : file.path("terraform")) {
        for (JsonNode providers : terraform.path("required_providers")) {
          JsonNode google = providers.path("google");
          if (google.has("version")) {
            return google.get("version").asText();
          }
        }
      }
    }
    return null;
  }

  /** required_version of an environment; null when absent. */
  public static String requiredTerraform(HclFiles files, Path environment) {
    for (JsonNode file : files.module(environment)) {
      for (JsonNode terraform : file.path("terraform")) {
        if (terraform.has("required_version")) {
          return terraform.get("required_version").asText();
        }
      }
    }
    return null;
  }

  public static JsonNode tfvars(HclFiles files, Path environment) {
    return files.file(environment.resolve("terraform.tfvars"));
  }

  /** The module blocks of an environment's .tf files: name -> body. */
  public static JsonNode module(HclFiles files, Path environment, String name) {
    for (JsonNode file : files.module(environment)) {
      JsonNode module = file.path("module").path(name);
      if (module.isArray() && !module.isEmpty()) {
        return module.get(0);
      }
    }
    return null;
  }
}
