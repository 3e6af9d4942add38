package com.utalk.emulators.firestoretrigger;

import com.utalk.logging.Log;
import com.utalk.triggers.FirestoreEventTypes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * Delivers one CloudEvent over HTTP the way Eventarc does: binary content mode ({@code ce-*}
 * headers, protobuf body), retried with exponential backoff under the same event id until the
 * function answers 2xx. Retries are how a function meets redelivery locally.
 */
final class CloudEventDelivery {
  private static final Log LOG = Log.get(CloudEventDelivery.class);

  private final HttpClient http;
  private final String projectId;
  private final int maxAttempts;
  private final Duration firstBackoff;

  CloudEventDelivery(HttpClient http, String projectId, int maxAttempts, Duration firstBackoff) {
    this.http = http;
    this.projectId = projectId;
    this.maxAttempts = maxAttempts;
    this.firstBackoff = firstBackoff;
  }

  /**
   * True once delivered; false when every attempt failed (the event is then dropped, as Eventarc
   * does after its retry window).
   */
  boolean deliver(
      TriggerRoute route,
      String eventId,
      String documentPath,
      Instant time,
      byte[] payload,
      Stats stats) {
    HttpRequest request = request(route, eventId, documentPath, time, payload);
    Duration backoff = firstBackoff;
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      try {
        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 == 2) {
          stats.delivered.incrementAndGet();
          return true;
        }
        LOG.warn(
            "trigger delivery refused, will retry",
            "function",
            route.function(),
            "eventId",
            eventId,
            "status",
            response.statusCode(),
            "attempt",
            attempt);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      } catch (Exception e) {
        LOG.warn(
            "trigger delivery failed, will retry",
            "function",
            route.function(),
            "eventId",
            eventId,
            "cause",
            String.valueOf(e),
            "attempt",
            attempt);
      }
      stats.retried.incrementAndGet();
      try {
        Thread.sleep(backoff.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      backoff =
          backoff.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0
              ? Duration.ofSeconds(30)
              : backoff.multipliedBy(2);
    }
    stats.dropped.incrementAndGet();
    LOG.error(
        "trigger event dropped after retries",
        null,
        "function",
        route.function(),
        "eventId",
        eventId,
        "document",
        documentPath);
    return false;
  }

  private HttpRequest request(
      TriggerRoute route, String eventId, String documentPath, Instant time, byte[] payload) {
    String type = route.eventType();
    return HttpRequest.newBuilder(route.target())
        .timeout(Duration.ofSeconds(60))
        .header("Content-Type", FirestoreEventTypes.CONTENT_TYPE)
        .header("ce-specversion", "1.0")
        .header("ce-id", eventId)
        .header(
            "ce-source",
            "//firestore.googleapis.com/projects/" + projectId + "/databases/(default)")
        .header("ce-type", type)
        .header("ce-subject", "documents/" + documentPath)
        .header("ce-time", DateTimeFormatter.ISO_INSTANT.format(time))
        .header("ce-dataschema", FirestoreEventTypes.DATA_SCHEMA)
        .header("ce-location", "local")
        .header("ce-project", projectId)
        .header("ce-database", "(default)")
        .header("ce-namespace", "(default)")
        .header("ce-document", documentPath)
        .POST(HttpRequest.BodyPublishers.ofByteArray(payload))
        .build();
  }

  /** Counters a test or the stack's status page can read. */
  static final class Stats {
    final java.util.concurrent.atomic.AtomicLong delivered =
        new java.util.concurrent.atomic.AtomicLong();
    final java.util.concurrent.atomic.AtomicLong retried =
        new java.util.concurrent.atomic.AtomicLong();
    final java.util.concurrent.atomic.AtomicLong dropped =
        new java.util.concurrent.atomic.AtomicLong();
  }

  static URI uri(String url) {
    return URI.create(url);
  }
}
