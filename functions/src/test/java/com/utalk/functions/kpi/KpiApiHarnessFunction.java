package com.utalk.functions.kpi;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import com.utalk.errors.NotFoundException;
import com.utalk.functions.http.HttpCall;
import com.utalk.functions.wiring.Backend;

/**
 * Stands in for the API router (issue 3) in tests: mounts the KPI handlers, with the workspace
 * from an {@code X-Test-Workspace} header where the router would use the caller's token.
 */
public final class KpiApiHarnessFunction implements HttpFunction {
  private final KpiApi api = new KpiApi(Backend.fromEnvironment());

  @Override
  public void service(HttpRequest request, HttpResponse response) throws Exception {
    HttpCall.serve(request, response, call -> {
      switch (request.getPath()) {
        case KpiApi.KPIS_PATH -> api.kpis(call, call.header("X-Test-Workspace"));
        case KpiApi.SLO_PATH -> api.slo(call);
        default -> throw new NotFoundException("no route");
      }
    });
  }
}
