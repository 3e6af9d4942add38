package com.utalk.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.api.gax.grpc.GrpcStatusCode;
import com.google.api.gax.rpc.ApiExceptionFactory;
import io.grpc.Status;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/**
 * What a failed Firestore call means for the caller, wherever the status sits in the chain the
 * client throws: an outage (503, retry), a lost race (the write was already done), input Firestore
 * refused (400), or a bug.
 */
class StorageFailureTest {
  private static StorageFailure of(Throwable cause) {
    return StorageFailure.of(cause);
  }

  @Test
  void aGrpcStatusDeepInTheChainIsFound() {
    Throwable wrapped =
        new ExecutionException(
            new RuntimeException(Status.UNAVAILABLE.withDescription("down").asRuntimeException()));
    assertEquals(new StorageFailure(StorageFailure.Kind.OUTAGE, "unavailable"), of(wrapped));
  }

  @Test
  void theClientsApiExceptionCarriesItsCode() {
    Throwable api =
        ApiExceptionFactory.createException(
            new RuntimeException("exists"), GrpcStatusCode.of(Status.Code.ALREADY_EXISTS), false);
    assertEquals(new StorageFailure(StorageFailure.Kind.LOST_RACE, "already_exists"), of(api));
  }

  @Test
  void everyStatusHasItsMeaning() {
    for (Status.Code code :
        new Status.Code[] {
          Status.Code.UNAVAILABLE,
          Status.Code.DEADLINE_EXCEEDED,
          Status.Code.ABORTED,
          Status.Code.RESOURCE_EXHAUSTED,
          Status.Code.CANCELLED,
          Status.Code.INTERNAL,
          Status.Code.UNKNOWN
        }) {
      assertEquals(
          StorageFailure.Kind.OUTAGE, of(Status.fromCode(code).asRuntimeException()).kind());
    }
    assertEquals(
        StorageFailure.Kind.REFUSED_INPUT, of(Status.INVALID_ARGUMENT.asRuntimeException()).kind());
    assertEquals(
        StorageFailure.Kind.REFUSED_INPUT, of(Status.OUT_OF_RANGE.asRuntimeException()).kind());
    assertEquals(
        new StorageFailure(StorageFailure.Kind.BUG, "permission_denied"),
        of(Status.PERMISSION_DENIED.asRuntimeException()));
  }

  @Test
  void theCheckedStatusExceptionIsReadToo() {
    assertEquals(
        new StorageFailure(StorageFailure.Kind.BUG, "permission_denied"),
        of(new ExecutionException(Status.PERMISSION_DENIED.asException())),
        "a denied call is not an outage to retry");
  }

  @Test
  void aLostCreateIsRecognisedThroughTheExceptionTheCallerSees() {
    Throwable lost =
        new com.utalk.errors.StorageUnavailableException(
            "Firestore create lost a race", Status.ALREADY_EXISTS.asRuntimeException());
    assertEquals(true, FirestoreCalls.lostRace(lost));
    assertEquals(false, FirestoreCalls.lostRace(Status.UNAVAILABLE.asRuntimeException()));
    assertEquals(false, FirestoreCalls.lostRace(new IOException("reset")));
  }

  @Test
  void noStatusAtAllIsTheChannelBreakingAnOutage() {
    assertEquals(
        new StorageFailure(StorageFailure.Kind.OUTAGE, "IOException"),
        of(new IOException("connection reset")));
    assertEquals(new StorageFailure(StorageFailure.Kind.OUTAGE, "unknown"), of(null));
  }
}
