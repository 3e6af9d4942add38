package com.utalk.storage;

import io.grpc.Status;
import java.util.Locale;

/**
 * What a failed storage call means for the caller, from its gRPC code. Only an outage is worth a
 * retry and an alert; a refused argument (a reserved id such as {@code __x__}, an over-long key) is
 * the request's fault; everything else (a missing index, a permission, a precondition) is ours.
 */
record StorageFailure(Kind kind, String code) {
  enum Kind {
    OUTAGE,
    /** A create lost a race (ALREADY_EXISTS): a retry reads the winner, so 503 but no outage. */
    LOST_RACE,
    REFUSED_INPUT,
    BUG
  }

  static StorageFailure of(Throwable cause) {
    Status.Code code = codeOf(cause);
    if (code == null) {
      // no status at all: the channel broke before an answer (the client's own I/O failure)
      return new StorageFailure(
          Kind.OUTAGE, cause == null ? "unknown" : cause.getClass().getSimpleName());
    }
    String name = code.name().toLowerCase(Locale.ROOT);
    return switch (code) {
      case UNAVAILABLE,
          DEADLINE_EXCEEDED,
          ABORTED,
          RESOURCE_EXHAUSTED,
          CANCELLED,
          INTERNAL,
          UNKNOWN ->
          new StorageFailure(Kind.OUTAGE, name);
      case ALREADY_EXISTS -> new StorageFailure(Kind.LOST_RACE, name);
      case INVALID_ARGUMENT, OUT_OF_RANGE -> new StorageFailure(Kind.REFUSED_INPUT, name);
      default -> new StorageFailure(Kind.BUG, name);
    };
  }

  private static Status.Code codeOf(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof com.google.api.gax.rpc.ApiException api) {
        return Status.Code.valueOf(api.getStatusCode().getCode().name());
      }
      if (t instanceof com.google.cloud.firestore.FirestoreException firestore
          && firestore.getStatus() != null) {
        return firestore.getStatus().getCode();
      }
      if (t instanceof io.grpc.StatusRuntimeException grpc) {
        return grpc.getStatus().getCode();
      }
      if (t instanceof io.grpc.StatusException grpc) { // the checked form gRPC also throws
        return grpc.getStatus().getCode();
      }
    }
    return null;
  }
}
