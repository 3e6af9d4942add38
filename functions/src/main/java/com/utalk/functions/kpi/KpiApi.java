package com.utalk.functions.kpi;

import com.utalk.functions.http.HttpCall;
import com.utalk.functions.wiring.Backend;
import com.utalk.kpi.KpiReport;
import com.utalk.kpi.KpiReportService;
import com.utalk.kpi.KpiRollupStore;
import com.utalk.gcp.GcpProject;
import com.utalk.metrics.Metrics;
import com.utalk.metrics.MetricsExport;
import com.utalk.slo.CloudMonitoringSliSource;
import com.utalk.slo.SliSource;
import com.utalk.slo.SliSampler;
import com.utalk.slo.SloEvaluator;
import com.utalk.slo.SloReport;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The handlers of {@code GET /api/kpis} and {@code GET /api/slo}, for the API router (issue 3) to
 * mount after authentication: the router checks the caller's role against {@link #KPI_ROLES} /
 * {@link #SLO_ROLES} and passes the caller's workspace. They only parse, call a service and write.
 */
public final class KpiApi {
  public static final String KPIS_PATH = "/api/kpis";
  public static final String SLO_PATH = "/api/slo";
  public static final Set<String> KPI_ROLES = Set.of("operator", "admin", "readonly", "developer");
  public static final Set<String> SLO_ROLES = Set.of("operator", "admin");

  private final Backend backend;
  private final KpiReportService reports;
  private final SliSampler sampler;
  private final SliSource sli;
  private final String source;

  public KpiApi(Backend backend) {
    this.backend = backend;
    this.reports = new KpiReportService(new KpiRollupStore(backend.firestore()), backend.clock());
    // SLO_SOURCE: cloud-monitoring (default where metrics are exported there: every instance's
    // traffic) or process (this process's own traffic, sampled once a minute; the local default).
    this.source = backend.settings().get("SLO_SOURCE", MetricsExport.from(backend.settings()).cloudMonitoring() ? "cloud-monitoring" : "process");
    if (source.equals("cloud-monitoring")) {
      this.sampler = null;
      this.sli = new CloudMonitoringSliSource(GcpProject.from(backend.settings()).projectId(), backend.clock());
    } else {
      this.sampler = SliSampler.start(Metrics.get(), backend.clock());
      this.sli = sampler.history();
    }
  }

  /** {@code GET /api/kpis?period=day&from=2026-03-01&to=2026-03-07[&format=csv]} for {@code workspaceId}. */
  public void kpis(HttpCall call, String workspaceId) throws IOException {
    call.route(KPIS_PATH);
    Map<String, List<String>> query = call.request().getQueryParameters();
    KpiReport report = reports.report(workspaceId, first(query, "period"), first(query, "from"), first(query, "to"));
    if ("csv".equalsIgnoreCase(first(query, "format"))) {
      call.text(200, "text/csv; charset=utf-8", report.toCsv());
      return;
    }
    call.json(200, report.toJson());
  }

  /** {@code GET /api/slo}: every SLO with its SLI windows, error budget, burn rates and alert state. */
  public void slo(HttpCall call) throws IOException {
    call.route(SLO_PATH);
    if (sampler != null) {
      sampler.sample(Metrics.get());
    }
    call.json(200, SloReport.toJson(backend.clock().instant(), source, new SloEvaluator(sli).evaluateAll()));
  }

  private static String first(Map<String, List<String>> query, String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
