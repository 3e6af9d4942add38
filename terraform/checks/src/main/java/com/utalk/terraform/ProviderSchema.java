package com.utalk.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import com.utalk.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The google provider's published schema as the pinned @cdktf/provider-google package records it
 * (node/schema.js extracts it once per lock file into the build folder): per resource and data
 * source, attributes with whether they are required, and nested blocks.
 */
public record ProviderSchema(
    String providerVersion, String packageVersion, JsonNode resources, JsonNode dataSources) {

  public static ProviderSchema load(Repo repo, Path cache) {
    try {
      Path lock = repo.nodeTools().resolve("package-lock.json");
      if (!Files.exists(cache)
          || Files.getLastModifiedTime(cache).compareTo(Files.getLastModifiedTime(lock)) < 0) {
        Tools.node(repo.nodeTools(), "schema.js", List.of(cache.toString()));
      }
      JsonNode json = Json.read(Files.readAllBytes(cache));
      return new ProviderSchema(
          json.path("provider").path("version").asText(),
          json.path("package").asText(),
          json.path("resource"),
          json.path("data"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Null when the provider has no such resource (or data source). */
  public JsonNode block(String kind, String type) {
    JsonNode found = ("data".equals(kind) ? dataSources : resources).get(type);
    return found == null || found.isMissingNode() ? null : found;
  }
}
