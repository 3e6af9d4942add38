package com.utalk.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Per-environment rules (check 5): production keeps a realtime instance warm, protects the database
 * and buckets from deletion and keeps 90 days of logs; every environment pins the provider and
 * Terraform, uses the shared module, and keeps point-in-time recovery on (the firestore module
 * always enables it: the 1 h RPO rests on it). Development may scale to zero.
 */
public final class EnvironmentRules {
  private static final String PITR_ON = "POINT_IN_TIME_RECOVERY_ENABLED";
  private static final Set<String> GIVEN_AT_APPLY = Set.of("app_version", "alert_credentials");
  private static final Set<String> SIZING_KEYS =
      new TreeSet<>(Set.of("memory", "cpu", "concurrency", "min_instances", "max_instances"));

  private EnvironmentRules() {}

  public static List<String> check(HclFiles files, Path modules, Path environment, String name) {
    List<String> problems = new ArrayList<>();
    JsonNode tfvars = Environments.tfvars(files, environment);
    if (!"6.50.0".equals(Environments.pinnedGoogleProvider(files, environment))) {
      problems.add(
          name
              + ": required_providers must pin google to exactly 6.50.0 (the schema the build checks)");
    }
    String terraform = Environments.requiredTerraform(files, environment);
    if (terraform == null || !terraform.contains("1.11")) {
      problems.add(name + ": required_version must pin Terraform 1.11.x, found " + terraform);
    }
    JsonNode module = Environments.module(files, environment, "utalk");
    if (module == null || !"../../modules/utalk".equals(module.path("source").asText())) {
      problems.add(name + ": main.tf must call module \"utalk\" from ../../modules/utalk");
    }
    if (!pitrEnabled(files, modules.resolve("firestore"))) {
      problems.add(
          name + ": the firestore module must set point_in_time_recovery_enablement = " + PITR_ON);
    }
    variables(files, environment, name, tfvars, problems);
    int realtimeMin = tfvars.path("realtime").path("min_instances").asInt(-1);
    boolean deletionProtection = tfvars.path("deletion_protection").asBoolean(false);
    int logDays = tfvars.path("log_retention_days").asInt(-1);
    switch (name) {
      case "prod" -> {
        if (realtimeMin < 1) {
          problems.add(
              "prod: realtime.min_instances must be at least 1 (found " + realtimeMin + ")");
        }
        if (!deletionProtection) {
          problems.add("prod: deletion_protection must be true (database and buckets)");
        }
        if (!"production".equals(tfvars.path("environment").asText())) {
          problems.add("prod: environment must be \"production\"");
        }
        expectDays(problems, name, logDays, 90);
      }
      case "staging" -> {
        if (!"staging".equals(tfvars.path("environment").asText())) {
          problems.add("staging: environment must be \"staging\"");
        }
        expectDays(problems, name, logDays, 30);
      }
      case "dev" -> {
        if (!"development".equals(tfvars.path("environment").asText())) {
          problems.add("dev: environment must be \"development\"");
        }
        expectDays(problems, name, logDays, 7);
      }
      default -> problems.add("unknown environment " + name);
    }
    return problems;
  }

  /**
   * terraform.tfvars sets only declared variables and every variable without a default, but the two
   * given at apply time: the version (-var) and the alert credentials (TF_VAR_, never a file).
   */
  private static void variables(
      HclFiles files, Path environment, String name, JsonNode tfvars, List<String> problems) {
    Set<String> declared = new TreeSet<>();
    Set<String> required = new TreeSet<>();
    for (JsonNode file : files.module(environment)) {
      file.path("variable")
          .fields()
          .forEachRemaining(
              variable -> {
                declared.add(variable.getKey());
                if (!variable.getValue().get(0).has("default")) {
                  required.add(variable.getKey());
                }
              });
    }
    required.removeAll(GIVEN_AT_APPLY);
    tfvars
        .fieldNames()
        .forEachRemaining(
            key -> {
              if (!declared.contains(key)) {
                problems.add(name + ": terraform.tfvars sets " + key + ", which is not a variable");
              }
            });
    for (String variable : required) {
      if (!tfvars.has(variable)) {
        problems.add(name + ": terraform.tfvars does not set variable " + variable);
      }
    }
    tfvars
        .path("function_sizing")
        .fields()
        .forEachRemaining(
            sizing -> {
              Set<String> keys = new TreeSet<>();
              sizing.getValue().fieldNames().forEachRemaining(keys::add);
              if (!keys.equals(SIZING_KEYS)) {
                problems.add(
                    name
                        + ": function_sizing of "
                        + sizing.getKey()
                        + " must set exactly "
                        + SIZING_KEYS
                        + ", sets "
                        + keys);
              }
            });
  }

  private static void expectDays(List<String> problems, String name, int found, int expected) {
    if (found != expected) {
      problems.add(name + ": log_retention_days must be " + expected + " (found " + found + ")");
    }
  }

  private static boolean pitrEnabled(HclFiles files, Path firestoreModule) {
    for (JsonNode file : files.module(firestoreModule)) {
      for (JsonNode database : file.path("resource").path("google_firestore_database")) {
        for (JsonNode body : database) {
          if (PITR_ON.equals(body.path("point_in_time_recovery_enablement").asText())) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
