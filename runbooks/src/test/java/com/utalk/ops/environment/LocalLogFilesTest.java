package com.utalk.ops.environment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A runbook's log search on the local stack: the service's log file under the run folder, only its
 * own lines since the instant asked, of the message asked, the newest ones when there are more than
 * the limit — and a function that never logged is no lines, not an error.
 */
class LocalLogFilesTest {
  @TempDir Path logs;

  private static String line(String time, String service, String message, String requestId) {
    return "{\"severity\":\"INFO\",\"message\":\""
        + message
        + "\",\"time\":\""
        + time
        + "\",\"service\":\""
        + service
        + "\",\"requestId\":\""
        + requestId
        + "\"}";
  }

  @Test
  void onlyTheServicesLinesSinceTheInstantOfTheMessageNewestKept() throws Exception {
    Files.write(
        logs.resolve("api.log"),
        List.of(
            line("2026-12-04T09:59:00Z", "api", "http request", "r-old"),
            "OpenJDK 64-Bit Server VM warning: a line that is not ours",
            line("2026-12-04T10:01:00Z", "api", "http request", "r-1"),
            line("2026-12-04T10:02:00Z", "webhook", "http request", "r-other"),
            line("2026-12-04T10:03:00Z", "api", "login refused", "r-2"),
            line("2026-12-04T10:04:00Z", "api", "http request", "r-3"),
            line("2026-12-04T10:05:00Z", "api", "http request", "r-4")));
    LocalLogFiles files = new LocalLogFiles(logs);
    Instant since = Instant.parse("2026-12-04T10:00:00Z");

    assertEquals(
        List.of("r-1", "r-3", "r-4"),
        files.read(new LogQuery("api", since, "http request", 10)).stream()
            .map(LogEntry::requestId)
            .toList());
    assertEquals(
        List.of("r-3", "r-4"),
        files.read(new LogQuery("api", since, "http request", 2)).stream()
            .map(LogEntry::requestId)
            .toList(),
        "over the limit: the newest");
    assertEquals(
        List.of("r-1", "r-2", "r-3", "r-4"),
        files.read(LogQuery.of("api", since, null)).stream().map(LogEntry::requestId).toList(),
        "every message without a filter");
  }

  @Test
  void aServiceThatNeverLoggedHasNoLines() throws Exception {
    assertEquals(
        List.of(), new LocalLogFiles(logs).read(LogQuery.of("kpi-rollup", Instant.EPOCH, null)));
  }
}
