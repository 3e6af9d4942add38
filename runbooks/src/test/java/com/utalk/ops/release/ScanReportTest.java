package com.utalk.ops.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pre-release security check on osv-scanner's JSON output (its format for a scan of a CycloneDX
 * SBOM).
 */
class ScanReportTest {
  @TempDir Path temp;

  @Test
  void findingsAreListedByIdAndPackage() throws Exception {
    ScanReport report = ScanReport.read(CoverageReportTest.resource("osv-findings.json"));
    assertEquals(
        List.of(
            "GHSA-57j2-w4cx-62h2 (com.fasterxml.jackson.core:jackson-databind 2.13.2)",
            "GHSA-jjjh-jjxp-wpff (com.fasterxml.jackson.core:jackson-databind 2.13.2)"),
        report.findings());
    assertEquals(1, report.affectedPackages());
    assertTrue(ScanReport.read(CoverageReportTest.resource("osv-clean.json")).clean());
  }

  @Test
  void theCheckPassesCleanFailsWithTheIdsAndIsHonestWhenThereIsNoReport() throws Exception {
    Check.Result clean =
        PreRelease.securityScan(CoverageReportTest.resource("osv-clean.json"), false);
    assertEquals(Check.Status.PASSED, clean.status(), clean.evidence());
    Check.Result found =
        PreRelease.securityScan(CoverageReportTest.resource("osv-findings.json"), true);
    assertEquals(Check.Status.FAILED, found.status());
    assertTrue(
        found
            .evidence()
            .startsWith(
                "2 known vulnerabilities in 1 package(s): GHSA-57j2-w4cx-62h2 (com.fasterxml.jackson.core:jackson-databind"),
        found.evidence());

    Check.Result localMissing = PreRelease.securityScan(temp.resolve("osv-scanner.json"), true);
    assertEquals(Check.Status.SKIPPED, localMissing.status(), "never ✔ without a report");
    assertTrue(
        localMissing.evidence().startsWith("skipped: no ")
            && localMissing.evidence().contains("cannot be downloaded"),
        localMissing.evidence());
    Check.Result cloudMissing = PreRelease.securityScan(temp.resolve("osv-scanner.json"), false);
    assertEquals(Check.Status.FAILED, cloudMissing.status());
  }

  @Test
  void otherJsonIsNotAScan() throws IOException {
    Path other = Files.writeString(temp.resolve("x.json"), "{\"vulnerabilities\": []}");
    assertThrows(IOException.class, () -> ScanReport.read(other));
  }
}
