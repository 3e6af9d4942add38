package com.utalk.ops.environment;

import com.fasterxml.jackson.databind.JsonNode;
import com.utalk.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The local stack's logs: the launcher files each JSON line by service into {@code <run
 * dir>/logs/<service>.log} (emulators/README.md). Read as a stream, keeping only the newest {@code
 * limit} matches, so a long-running stack's big file costs no more memory.
 */
public final class LocalLogFiles implements LogSource {
  private final Path logDir;

  public LocalLogFiles(Path logDir) {
    this.logDir = logDir;
  }

  @Override
  public List<LogEntry> read(LogQuery query) throws IOException {
    Deque<LogEntry> newest = new ArrayDeque<>();
    try (BufferedReader lines =
        Files.newBufferedReader(logDir.resolve(query.service() + ".log"), StandardCharsets.UTF_8)) {
      String line;
      while ((line = lines.readLine()) != null) {
        LogEntry entry = parse(line);
        if (entry == null
            || entry.time().isBefore(query.since())
            || !entry.service().equals(query.service())) {
          continue;
        }
        if (query.message() != null && !query.message().equals(entry.message())) {
          continue;
        }
        newest.addLast(entry);
        if (newest.size() > query.limit()) {
          newest.removeFirst();
        }
      }
    } catch (NoSuchFileException e) {
      return List.of(); // a function that has not logged yet
    }
    return List.copyOf(newest);
  }

  /** A line that is not one of ours (a JVM warning) is skipped, not an error. */
  static LogEntry parse(String line) {
    if (!line.startsWith("{")) {
      return null;
    }
    try {
      JsonNode node = Json.read(line.getBytes(StandardCharsets.UTF_8));
      return new LogEntry(
          Instant.parse(node.path("time").asText()),
          node.path("service").asText(),
          node.path("severity").asText(),
          node.path("message").asText(),
          node.hasNonNull("requestId") ? node.get("requestId").asText() : null,
          node);
    } catch (RuntimeException e) {
      return null;
    }
  }
}
