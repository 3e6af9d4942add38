package com.utalk.ops.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pre-release coverage check on JaCoCo XML reports in JaCoCo's own format (DOCTYPE, groups,
 * packages, report-level counters last).
 */
class CoverageReportTest {
  @TempDir Path temp;

  static Path resource(String name) throws URISyntaxException {
    return Path.of(CoverageReportTest.class.getResource("/release-reports/" + name).toURI());
  }

  @Test
  void theReportLevelCountersAreRead() throws Exception {
    CoverageReport report = CoverageReport.read(resource("jacoco-passing.xml"));
    assertEquals(
        new CoverageReport(2700, 300, 830, 170),
        report,
        "the <report>'s own counters, not a package's or a group's");
    assertEquals("lines 90.0% (2700 of 3000), branches 83.0% (830 of 1000)", report.figures());
    assertTrue(report.passes());
    assertTrue(
        !CoverageReport.read(resource("jacoco-low-branches.xml")).passes(),
        "branches at 71% fail even with lines at 90%");
  }

  @Test
  void theCheckPassesAboveTheThresholdAndFailsBelowMissingOrStale() throws Exception {
    Path tests = Files.createDirectories(temp.resolve("shared/target/surefire-reports"));
    Path testReport =
        Files.writeString(
            tests.resolve("TEST-a.xml"), "<testsuite tests=\"1\" errors=\"0\" failures=\"0\">");
    Files.setLastModifiedTime(testReport, FileTime.from(Instant.parse("2026-12-04T10:00:00Z")));
    Path jacoco = Files.copy(resource("jacoco-passing.xml"), temp.resolve("jacoco.xml"));
    Files.setLastModifiedTime(jacoco, FileTime.from(Instant.parse("2026-12-04T10:01:00Z")));

    Check.Result passed = PreRelease.coverage(jacoco, temp);
    assertEquals(Check.Status.PASSED, passed.status(), passed.evidence());
    assertTrue(
        passed
            .evidence()
            .startsWith("lines 90.0% (2700 of 3000), branches 83.0% (830 of 1000) in "),
        passed.evidence());

    Path low = Files.copy(resource("jacoco-low-branches.xml"), temp.resolve("low.xml"));
    Check.Result below = PreRelease.coverage(low, temp);
    assertEquals(Check.Status.FAILED, below.status());
    assertTrue(below.evidence().contains("branches 71.0%"), below.evidence());

    Check.Result missing = PreRelease.coverage(temp.resolve("nope.xml"), temp);
    assertEquals(Check.Status.FAILED, missing.status());
    assertTrue(missing.evidence().startsWith("no coverage report at "), missing.evidence());

    Files.setLastModifiedTime(jacoco, FileTime.from(Instant.parse("2026-12-04T09:00:00Z")));
    Check.Result stale = PreRelease.coverage(jacoco, temp);
    assertEquals(Check.Status.FAILED, stale.status());
    assertTrue(stale.evidence().contains("is older than the newest test report"), stale.evidence());
  }

  @Test
  void somethingElseIsNotAReport() throws IOException {
    Path other = Files.writeString(temp.resolve("other.xml"), "<coverage line-rate=\"0.9\"/>");
    assertThrows(IOException.class, () -> CoverageReport.read(other));
    Path garbage = Files.writeString(temp.resolve("garbage.xml"), "not xml");
    assertThrows(IOException.class, () -> CoverageReport.read(garbage));
  }
}
