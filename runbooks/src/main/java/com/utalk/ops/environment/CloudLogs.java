package com.utalk.ops.environment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.utalk.json.Json;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Cloud Logging ({@code entries.list}): the services' JSON lines arrive as {@code jsonPayload} of
 * {@code cloud_run_revision} entries (functions gen2 run on Cloud Run), read newest first up to the
 * query's limit and returned oldest first.
 */
final class CloudLogs implements LogSource {
  static final String ENDPOINT = "https://logging.googleapis.com/v2/entries:list";
  private static final int PAGE = 1000;

  private final String projectId;
  private final String endpoint;
  private final GoogleRest rest;

  CloudLogs(String projectId, String endpoint, GoogleRest rest) {
    this.projectId = projectId;
    this.endpoint = endpoint;
    this.rest = rest;
  }

  /** The Logging query language filter for {@code query}. */
  static String filter(LogQuery query) {
    StringBuilder filter =
        new StringBuilder()
            .append("resource.type=\"cloud_run_revision\"")
            .append(" AND resource.labels.service_name=\"")
            .append(query.service())
            .append('"')
            .append(" AND timestamp>=\"")
            .append(query.since())
            .append('"');
    if (query.message() != null) {
      filter
          .append(" AND jsonPayload.message=\"")
          .append(query.message().replace("\\", "\\\\").replace("\"", "\\\""))
          .append('"');
    }
    return filter.toString();
  }

  ObjectNode request(LogQuery query, String pageToken) {
    ObjectNode body = Json.object();
    body.putArray("resourceNames").add("projects/" + projectId);
    body.put("filter", filter(query));
    body.put("orderBy", "timestamp desc");
    body.put("pageSize", Math.min(PAGE, query.limit()));
    if (pageToken != null) {
      body.put("pageToken", pageToken);
    }
    return body;
  }

  @Override
  public List<LogEntry> read(LogQuery query) throws IOException, InterruptedException {
    List<LogEntry> entries = new ArrayList<>();
    String pageToken = null;
    do {
      JsonNode page = rest.call("POST", endpoint, request(query, pageToken));
      for (JsonNode entry : page.path("entries")) {
        if (entries.size() < query.limit()) {
          entries.add(toEntry(query.service(), entry));
        }
      }
      pageToken = page.path("nextPageToken").asText("");
    } while (!pageToken.isEmpty() && entries.size() < query.limit());
    Collections.reverse(entries);
    return entries;
  }

  static LogEntry toEntry(String service, JsonNode entry) {
    JsonNode fields = entry.path("jsonPayload");
    if (!fields.isObject()) {
      fields = Json.object().put("message", entry.path("textPayload").asText(""));
    }
    return new LogEntry(
        Instant.parse(entry.path("timestamp").asText(Instant.EPOCH.toString())),
        service,
        entry.path("severity").asText(""),
        fields.path("message").asText(),
        fields.hasNonNull("requestId")
            ? fields.get("requestId").asText()
            : entry.path("labels").path("requestId").asText(null),
        fields);
  }
}
