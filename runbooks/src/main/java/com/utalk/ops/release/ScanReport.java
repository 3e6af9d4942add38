package com.utalk.ops.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.utalk.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the pipeline's dependency scan found: {@code osv-scanner} run on the CycloneDX SBOM ({@code
 * target/bom.json}) writes its JSON output to {@code target/security/osv-scanner.json} — {@code
 * {results: [{source, packages: [{package: {name, version, ecosystem}, vulnerabilities: [{id,
 * …}]}]}]}}.
 */
/** {@code affectedPackages}: osv-scanner lists only packages with a vulnerability. */
record ScanReport(int affectedPackages, List<String> findings) {
  static final String DEFAULT_PATH = "target/security/osv-scanner.json";

  static ScanReport read(Path file) throws IOException {
    JsonNode root;
    try {
      root = Json.read(Files.readAllBytes(file));
    } catch (RuntimeException e) {
      throw new IOException(file + " is not osv-scanner JSON: " + e.getMessage(), e);
    }
    if (!root.has("results")) {
      throw new IOException(file + " is not osv-scanner JSON output (no \"results\")");
    }
    int packages = 0;
    List<String> findings = new ArrayList<>();
    for (JsonNode result : root.path("results")) {
      for (JsonNode affected : result.path("packages")) {
        packages++;
        JsonNode pkg = affected.path("package");
        Set<String> ids = new LinkedHashSet<>();
        affected
            .path("vulnerabilities")
            .forEach(vulnerability -> ids.add(vulnerability.path("id").asText()));
        for (String id : ids) {
          findings.add(
              id + " (" + pkg.path("name").asText() + " " + pkg.path("version").asText() + ")");
        }
      }
    }
    return new ScanReport(packages, findings);
  }

  boolean clean() {
    return findings.isEmpty();
  }
}
