package com.utalk.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The composite indexes (modules/firestore/indexes.tf) name only collections and fields the
 * deployed code spells out: an index on a renamed or mistyped field would never serve a query.
 * (Whether every query the code makes has its index is what the emulator cannot tell and a
 * deployment shows as FAILED_PRECONDITION with the index's creation link.)
 */
public final class IndexCheck {
  private static final Pattern LITERAL = Pattern.compile("\"([A-Za-z_][A-Za-z0-9_.]*)\"");

  private IndexCheck() {}

  public static List<String> check(HclFiles files, Path firestoreModule, Set<String> codeLiterals) {
    List<String> problems = new ArrayList<>();
    JsonNode indexes = files.local(firestoreModule, "indexes");
    if (indexes == null) {
      return List.of("locals { indexes = ... } is missing from " + firestoreModule);
    }
    indexes
        .fields()
        .forEachRemaining(
            index -> {
              String collection = index.getValue().path("collection").asText();
              if (!codeLiterals.contains(collection)) {
                problems.add(
                    "index "
                        + index.getKey()
                        + ": collection "
                        + collection
                        + " is not named in the code");
              }
              for (JsonNode field : index.getValue().path("fields")) {
                String name = field.get(0).asText();
                if (!codeLiterals.contains(name)) {
                  problems.add(
                      "index "
                          + index.getKey()
                          + ": field "
                          + name
                          + " of "
                          + collection
                          + " is not named in the code");
                }
              }
            });
    return problems;
  }

  /** Every string literal of the deployed sources. */
  public static Set<String> literals(Repo repo) {
    Set<String> literals = new HashSet<>();
    for (String folder : CodeInventory.DEPLOYED_SOURCES) {
      try (Stream<Path> files = Files.walk(repo.root().resolve(folder))) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          Matcher matcher = LITERAL.matcher(Files.readString(file));
          while (matcher.find()) {
            literals.add(matcher.group(1));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return literals;
  }
}
