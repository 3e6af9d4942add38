package com.utalk.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import com.utalk.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every .tf and .tfvars file under some folders, parsed by HashiCorp's HCL parser (hcl2json):
 * blocks are arrays of objects, attributes are values, expressions are "${...}" strings.
 */
public record HclFiles(Map<Path, JsonNode> parsed, Map<Path, String> errors) {

  public static HclFiles parse(Repo repo, List<Path> roots) {
    List<String> args = roots.stream().map(Path::toString).toList();
    JsonNode all =
        Json.read(Tools.node(repo.nodeTools(), "parse.js", args).getBytes(StandardCharsets.UTF_8));
    Map<Path, JsonNode> parsed = new LinkedHashMap<>();
    Map<Path, String> errors = new LinkedHashMap<>();
    all.fields()
        .forEachRemaining(
            entry -> {
              Path file = Path.of(entry.getKey());
              if (entry.getValue().has("__error")) {
                errors.put(file, entry.getValue().get("__error").asText());
              } else {
                parsed.put(file, entry.getValue());
              }
            });
    return new HclFiles(parsed, errors);
  }

  /** The files in {@code dir} itself (one Terraform module), .tf only. */
  public List<JsonNode> module(Path dir) {
    List<JsonNode> files = new ArrayList<>();
    parsed.forEach(
        (file, json) -> {
          if (file.getParent().equals(dir) && file.getFileName().toString().endsWith(".tf")) {
            files.add(json);
          }
        });
    return files;
  }

  public JsonNode file(Path file) {
    JsonNode json = parsed.get(file);
    if (json == null) {
      throw new IllegalArgumentException(
          "not parsed: " + file + (errors.containsKey(file) ? " (" + errors.get(file) + ")" : ""));
    }
    return json;
  }

  /** The value of {@code locals { name = ... }} in a module's files; null when absent. */
  public JsonNode local(Path moduleDir, String name) {
    for (JsonNode file : module(moduleDir)) {
      for (JsonNode locals : file.path("locals")) {
        if (locals.has(name)) {
          return locals.get(name);
        }
      }
    }
    return null;
  }
}
