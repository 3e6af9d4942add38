package com.utalk.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What `terraform validate` would say about resource and data blocks, checked against the
 * provider's schema: unknown resource types, unknown attributes or nested blocks, and missing
 * required attributes or blocks. Expressions are not evaluated (a plan's job).
 */
public final class SchemaCheck {
  /** Meta-arguments Terraform itself understands in any resource or data block. */
  private static final Set<String> META =
      Set.of(
          "count", "for_each", "depends_on", "provider", "lifecycle", "provisioner", "connection");

  private final ProviderSchema schema;

  public SchemaCheck(ProviderSchema schema) {
    this.schema = schema;
  }

  public List<String> check(HclFiles files) {
    List<String> problems = new ArrayList<>();
    files
        .parsed()
        .forEach(
            (file, json) -> {
              for (String kind : List.of("resource", "data")) {
                json.path(kind)
                    .fields()
                    .forEachRemaining(
                        type ->
                            type.getValue()
                                .fields()
                                .forEachRemaining(
                                    instance -> {
                                      String where =
                                          file.getFileName()
                                              + ": "
                                              + ("data".equals(kind) ? "data." : "")
                                              + type.getKey()
                                              + "."
                                              + instance.getKey();
                                      JsonNode block = schema.block(kind, type.getKey());
                                      if (block == null) {
                                        problems.add(
                                            at(
                                                file,
                                                where
                                                    + ": the google provider "
                                                    + schema.providerVersion()
                                                    + " has no "
                                                    + ("data".equals(kind)
                                                        ? "data source "
                                                        : "resource type ")
                                                    + type.getKey()));
                                        return;
                                      }
                                      for (JsonNode body : instance.getValue()) {
                                        checkBody(file, where, body, block, true, problems);
                                      }
                                    }));
              }
            });
    return problems;
  }

  private void checkBody(
      Path file,
      String where,
      JsonNode body,
      JsonNode block,
      boolean topLevel,
      List<String> problems) {
    if (!body.isObject()) {
      return; // an expression: only a plan knows its shape
    }
    JsonNode attributes = block.path("attributes");
    JsonNode blocks = block.path("blocks");
    for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String name = field.getKey();
      if (topLevel && META.contains(name)) {
        continue;
      }
      if ("dynamic".equals(name)) {
        field
            .getValue()
            .fields()
            .forEachRemaining(
                dynamic -> {
                  JsonNode nested = blocks.get(dynamic.getKey());
                  if (nested == null) {
                    problems.add(
                        at(
                            file,
                            where
                                + ": dynamic \""
                                + dynamic.getKey()
                                + "\" is not a block of "
                                + where.substring(where.indexOf(' ') + 1)));
                    return;
                  }
                  for (JsonNode dynamicBody : dynamic.getValue()) {
                    for (JsonNode content : dynamicBody.path("content")) {
                      checkBody(
                          file, where + "." + dynamic.getKey(), content, nested, false, problems);
                    }
                  }
                });
        continue;
      }
      if (attributes.has(name)) {
        continue;
      }
      JsonNode nested = blocks.get(name);
      if (nested == null) {
        problems.add(at(file, where + ": unknown attribute or block \"" + name + "\""));
        continue;
      }
      JsonNode value = field.getValue();
      if (value.isObject()) {
        // `name = { ... }`: the provider's nested blocks are written as blocks.
        problems.add(
            at(
                file,
                where
                    + ": \""
                    + name
                    + "\" is a block: write "
                    + name
                    + " { ... }, not "
                    + name
                    + " = { ... }"));
        continue;
      }
      for (JsonNode each : value.isArray() ? value : List.of(value)) {
        checkBody(file, where + "." + name, each, nested, false, problems);
      }
    }
    attributes
        .fields()
        .forEachRemaining(
            attribute -> {
              if (attribute.getValue().path("required").asBoolean()
                  && !body.has(attribute.getKey())) {
                problems.add(
                    at(
                        file,
                        where + ": missing required attribute \"" + attribute.getKey() + "\""));
              }
            });
    blocks
        .fields()
        .forEachRemaining(
            nested -> {
              if (nested.getValue().path("required").asBoolean()
                  && !body.has(nested.getKey())
                  && !body.path("dynamic").has(nested.getKey())) {
                problems.add(
                    at(file, where + ": missing required block \"" + nested.getKey() + "\""));
              }
            });
  }

  private static String at(Path file, String message) {
    return message + " (" + file + ")";
  }
}
