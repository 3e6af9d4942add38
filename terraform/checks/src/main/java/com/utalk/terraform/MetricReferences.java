package com.utalk.terraform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Dashboards, alert filters and PromQL name the code's metrics (MetricNames): a renamed metric
 * would leave an empty chart or an alert that can never fire, so every name must exist.
 */
public final class MetricReferences {
  /**
   * {@code workload.googleapis.com/<name>} in filters, {@code workload_googleapis_com:<name>} in
   * PromQL.
   */
  private static final Pattern WORKLOAD =
      Pattern.compile("workload(?:\\.googleapis\\.com/|_googleapis_com:)([a-z0-9_]+)");

  /** PromQL's histogram series carry these suffixes. */
  private static final List<String> SUFFIXES = List.of("_count", "_sum", "_bucket");

  private MetricReferences() {}

  public static List<String> check(Path modules, Collection<String> metricNames) {
    List<String> problems = new ArrayList<>();
    try (Stream<Path> files = Files.walk(modules)) {
      for (Path file :
          files
              .filter(f -> f.toString().endsWith(".tf") || f.toString().endsWith(".json"))
              .sorted()
              .toList()) {
        Set<String> unknown = new TreeSet<>();
        Matcher matcher = WORKLOAD.matcher(Files.readString(file));
        while (matcher.find()) {
          if (!metricNames.contains(strip(matcher.group(1)))) {
            unknown.add(matcher.group(1));
          }
        }
        unknown.forEach(
            name ->
                problems.add(
                    modules.relativize(file)
                        + " names metric "
                        + name
                        + ", which MetricNames does not have"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return problems;
  }

  private static String strip(String name) {
    for (String suffix : SUFFIXES) {
      if (name.endsWith(suffix)) {
        return name.substring(0, name.length() - suffix.length());
      }
    }
    return name;
  }
}
