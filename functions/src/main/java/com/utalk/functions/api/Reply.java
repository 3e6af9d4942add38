package com.utalk.functions.api;

/** A successful answer: status and JSON body (none for 204). */
public record Reply(int status, Object body) {
  public static Reply ok(Object body) {
    return new Reply(200, body);
  }

  public static Reply created(Object body) {
    return new Reply(201, body);
  }

  public static Reply accepted(Object body) {
    return new Reply(202, body);
  }

  public static Reply noContent() {
    return new Reply(204, null);
  }

  /** A body that is not JSON (the KPI CSV export): written as is with its content type. */
  public static Reply raw(int status, String contentType, byte[] bytes) {
    return new Reply(status, new Raw(contentType, bytes));
  }

  /** The body of {@link #raw}. */
  public record Raw(String contentType, byte[] bytes) {}
}
