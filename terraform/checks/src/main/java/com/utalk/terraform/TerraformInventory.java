package com.utalk.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What Terraform declares, read from the parsed files: the catalog (modules/utalk/catalog.tf), the
 * scheduler jobs, the environment variables the modules set, and each environment's tfvars.
 *
 * <p>Convention of this tree: an UPPER_CASE key in a module is an environment variable name
 * (Terraform's own attributes are lower case); the catalog's lists of settings are read parsed.
 */
public record TerraformInventory(
    Map<String, JsonNode> functions,
    List<String> topics,
    List<String> infrastructureTopics,
    Map<String, String> secretSettings,
    List<String> tunableSettings,
    List<String> notDeployedSettings,
    List<String> runtimeSettings,
    Map<String, String> plainSettings,
    Map<String, String> schedulerJobTopics,
    Map<String, Environment> environments) {

  /** One environment's per-function sizing and settings overrides. */
  public record Environment(List<String> sizedFunctions, List<String> settings) {}

  private static final Pattern UPPER_KEY = Pattern.compile("(?m)^\\s*\"?([A-Z][A-Z0-9_]+)\"?\\s*=");

  public static TerraformInventory of(
      HclFiles files, Path modules, Path environments, List<String> environmentNames) {
    Path utalk = modules.resolve("utalk");
    Map<String, JsonNode> functions = new LinkedHashMap<>();
    JsonNode catalog = required(files, utalk, "functions");
    catalog.fields().forEachRemaining(entry -> functions.put(entry.getKey(), entry.getValue()));

    Map<String, String> jobTopics = new TreeMap<>();
    required(files, modules.resolve("scheduler"), "jobs")
        .fields()
        .forEachRemaining(
            job -> jobTopics.put(job.getKey(), job.getValue().path("topic").asText()));

    Map<String, Environment> envs = new LinkedHashMap<>();
    for (String name : environmentNames) {
      JsonNode tfvars = Environments.tfvars(files, environments.resolve(name));
      envs.put(
          name,
          new Environment(keys(tfvars.path("function_sizing")), keys(tfvars.path("settings"))));
    }
    return new TerraformInventory(
        functions,
        strings(required(files, utalk, "topics")),
        keys(required(files, utalk, "infrastructure_topics")),
        stringMap(required(files, utalk, "secret_settings")),
        strings(required(files, utalk, "tunable_settings")),
        keys(required(files, utalk, "not_deployed_settings")),
        keys(required(files, utalk, "runtime_settings")),
        plainSettings(modules, utalk.resolve("catalog.tf")),
        jobTopics,
        envs);
  }

  /** UPPER_CASE keys of every module file but the catalog: name -> first file that sets it. */
  static Map<String, String> plainSettings(Path modules, Path catalog) {
    Map<String, String> found = new TreeMap<>();
    try (Stream<Path> files = Files.walk(modules)) {
      for (Path file :
          files.filter(f -> f.toString().endsWith(".tf") && !f.equals(catalog)).sorted().toList()) {
        Matcher matcher = UPPER_KEY.matcher(Files.readString(file));
        while (matcher.find()) {
          found.putIfAbsent(matcher.group(1), modules.relativize(file).toString());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return found;
  }

  private static JsonNode required(HclFiles files, Path module, String local) {
    JsonNode value = files.local(module, local);
    if (value == null) {
      throw new IllegalStateException("locals { " + local + " = ... } is missing from " + module);
    }
    return value;
  }

  private static List<String> keys(JsonNode object) {
    List<String> keys = new ArrayList<>();
    object.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asText()));
    return values;
  }

  private static Map<String, String> stringMap(JsonNode object) {
    Map<String, String> map = new TreeMap<>();
    object.fields().forEachRemaining(entry -> map.put(entry.getKey(), entry.getValue().asText()));
    return map;
  }
}
