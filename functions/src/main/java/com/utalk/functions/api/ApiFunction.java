package com.utalk.functions.api;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import com.utalk.auth.keys.SigningKeyRings;
import com.utalk.errors.StorageUnavailableException;
import com.utalk.functions.http.HttpCall;
import com.utalk.functions.wiring.Backend;
import com.utalk.logging.Log;
import com.utalk.wiring.Lazy;
import java.io.IOException;
import java.util.List;

/**
 * The REST API for the agents' front end: every {@code /api/**} route plus {@code /health} and
 * {@code /health/database}, behind one internal router. A missing or too-short JWT secret stops the
 * instance at start-up; everything else is built on the first request.
 */
public final class ApiFunction implements HttpFunction {
  private static final Log LOG = Log.get(ApiFunction.class);
  private final Lazy<ApiApplication> application;
  private final Backend backend;
  private final ReleaseFault fault;

  public ApiFunction() {
    this(Backend.fromEnvironment());
  }

  public ApiFunction(Backend backend) {
    SigningKeyRings.validate(backend.settings());
    this.backend = backend;
    this.fault = ReleaseFault.from(backend.settings());
    this.application = Lazy.of(() -> new ApiApplication(backend));
    if (backend.settings().find("JWT_SECRET_NAME").isPresent()) {
      loadSecretVersions();
    }
  }

  /**
   * With Secret Manager the secret's length can only be checked by reading it: do that at start-up,
   * so a too-short version stops the instance like a too-short JWT_SECRET does. Secret Manager
   * being unreachable is not a configuration error: the first request retries.
   */
  private void loadSecretVersions() {
    try {
      application.get().auth().keys().load();
    } catch (StorageUnavailableException e) {
      LOG.warn(
          "could not read the JWT secret versions at start-up; will retry on first use",
          "cause",
          e.getMessage());
    }
  }

  @Override
  public void service(HttpRequest request, HttpResponse response) throws IOException {
    HttpCall.serve(
        request,
        response,
        call -> {
          // During a restore or migration: 503 with Retry-After, before any route reads or writes.
          backend.maintenance().refuseIfActive();
          fault.refuseIfSet(request.getPath());
          application.get().router().dispatch(call);
        });
  }

  /** The route table, for the OpenAPI consistency test. */
  List<Route> routes() {
    return application.get().router().routes();
  }
}
