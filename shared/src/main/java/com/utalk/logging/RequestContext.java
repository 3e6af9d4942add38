package com.utalk.logging;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What ties every log line of one unit of work together: the request ID (echoed to the client and
 * carried downstream as a Pub/Sub attribute) and, when the platform sent one, the trace.
 */
public record RequestContext(String requestId, String traceId) {
  public static final String REQUEST_ID_HEADER = "X-Request-ID";
  public static final String REQUEST_ID_ATTRIBUTE = "requestId";

  private static final Pattern VALID_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{8,128}");
  private static final Pattern TRACE_ID = Pattern.compile("[0-9a-fA-F]{32}");
  private static final ThreadLocal<RequestContext> CURRENT = new ThreadLocal<>();

  /** Keeps a caller's ID when it is well formed, else mints a UUID v4 (never trusts junk input). */
  public static RequestContext fromIncoming(
      String requestIdHeader, String cloudTrace, String traceparent) {
    String requestId =
        requestIdHeader != null && VALID_REQUEST_ID.matcher(requestIdHeader.trim()).matches()
            ? requestIdHeader.trim()
            : newRequestId();
    return new RequestContext(requestId, traceFrom(cloudTrace, traceparent));
  }

  public static RequestContext fresh() {
    return new RequestContext(newRequestId(), null);
  }

  public static String newRequestId() {
    return UUID.randomUUID().toString();
  }

  static String traceFrom(String cloudTrace, String traceparent) {
    if (cloudTrace != null) {
      String candidate = cloudTrace.split("/", 2)[0].trim();
      if (TRACE_ID.matcher(candidate).matches()) {
        return candidate.toLowerCase();
      }
    }
    if (traceparent != null) {
      String[] parts = traceparent.trim().split("-");
      if (parts.length >= 4 && TRACE_ID.matcher(parts[1]).matches()) {
        return parts[1].toLowerCase();
      }
    }
    return null;
  }

  public static Optional<RequestContext> current() {
    return Optional.ofNullable(CURRENT.get());
  }

  public static String currentRequestId() {
    RequestContext context = CURRENT.get();
    return context == null ? null : context.requestId();
  }

  /** Binds this context to the current thread until the returned scope is closed. */
  public Scope open() {
    RequestContext previous = CURRENT.get();
    CURRENT.set(this);
    return () -> {
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    };
  }

  /** A bound context; closing it restores what was bound before. */
  public interface Scope extends AutoCloseable {
    @Override
    void close();
  }
}
