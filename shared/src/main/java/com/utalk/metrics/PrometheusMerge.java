package com.utalk.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Merges the Prometheus text of several processes into one exposition: each family's HELP and TYPE
 * once, every sample with a {@code service="<name>"} label, so one {@code curl /metrics} on the
 * local gateway shows every function process (each of which is its own JVM).
 */
public final class PrometheusMerge {
  private PrometheusMerge() {}

  /** {@code texts}: service name → its /metrics body. */
  public static String merge(Map<String, String> texts) {
    Map<String, Family> families = new TreeMap<>();
    texts.forEach(
        (service, text) -> {
          Family current = null;
          for (String line : text.split("\n")) {
            if (line.isBlank()) {
              continue;
            }
            if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
              String[] parts = line.split(" ", 4);
              current = families.computeIfAbsent(parts[2], Family::new);
              if (line.startsWith("# HELP ")) {
                current.help = current.help == null ? line : current.help;
              } else {
                current.type = current.type == null ? line : current.type;
              }
              continue;
            }
            if (line.startsWith("#")) {
              continue;
            }
            String name = sampleName(line);
            // a histogram's _bucket/_sum/_count belong to the family of its TYPE line; a sample
            // of another name starts (or joins) its own, so every family's samples stay together
            if (current == null || !belongs(name, current.name)) {
              current = families.computeIfAbsent(name, Family::new);
            }
            current.samples.add(withService(line, service));
          }
        });
    StringBuilder out = new StringBuilder();
    for (Family family : families.values()) {
      if (family.help != null) {
        out.append(family.help).append('\n');
      }
      if (family.type != null) {
        out.append(family.type).append('\n');
      }
      family.samples.forEach(sample -> out.append(sample).append('\n'));
    }
    return out.toString();
  }

  /** A sample of family {@code family}: its own name or one of the text format's suffixes. */
  private static boolean belongs(String sample, String family) {
    if (sample.equals(family)) {
      return true;
    }
    if (!sample.startsWith(family + "_")) {
      return false;
    }
    return switch (sample.substring(family.length())) {
      case "_bucket", "_sum", "_count", "_total", "_created" -> true;
      default -> false;
    };
  }

  private static String sampleName(String line) {
    int end = 0;
    while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
      end++;
    }
    return line.substring(0, end);
  }

  static String withService(String line, String service) {
    String label = "service=\"" + service.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    String name = sampleName(line);
    String rest = line.substring(name.length());
    if (rest.startsWith("{")) {
      return name
          + "{"
          + label
          + (rest.startsWith("{}") ? rest.substring(1) : "," + rest.substring(1));
    }
    return name + "{" + label + "}" + rest;
  }

  private static final class Family {
    final String name;
    String help;
    String type;
    final List<String> samples = new ArrayList<>();

    Family(String name) {
      this.name = name;
    }
  }
}
