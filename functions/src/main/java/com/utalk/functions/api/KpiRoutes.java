package com.utalk.functions.api;

import com.utalk.auth.Permission;
import com.utalk.functions.wiring.Backend;
import com.utalk.gcp.GcpProject;
import com.utalk.kpi.KpiReport;
import com.utalk.kpi.KpiReportService;
import com.utalk.kpi.KpiRollupStore;
import com.utalk.metrics.Metrics;
import com.utalk.metrics.MetricsExport;
import com.utalk.slo.CloudMonitoringSliSource;
import com.utalk.slo.SliSampler;
import com.utalk.slo.SliSource;
import com.utalk.slo.SloEvaluator;
import com.utalk.slo.SloReport;
import com.utalk.wiring.Lazy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * GET /api/kpis (the caller's workspace; JSON or CSV) and GET /api/slo: thin adapters over the KPI
 * and SLO services.
 */
final class KpiRoutes {
  private final Supplier<KpiReportService> reports;
  private final Supplier<Slis> slis;
  private final Clock clock;

  KpiRoutes(Backend backend) {
    this.clock = backend.clock();
    this.reports =
        Lazy.of(
            () -> new KpiReportService(new KpiRollupStore(backend.firestore()), backend.clock()));
    this.slis = Lazy.of(() -> Slis.from(backend));
  }

  List<Route> routes() {
    return List.of(
        Route.get("/api/kpis", Access.requires(Permission.KPIS_READ), this::kpis),
        Route.get("/api/slo", Access.requires(Permission.SLO_READ), this::slo));
  }

  private Reply kpis(ApiRequest request) {
    KpiReport report =
        reports
            .get()
            .report(
                request.principal().workspaceId(),
                request.query("period"),
                request.query("from"),
                request.query("to"));
    if ("csv".equalsIgnoreCase(request.query("format"))) {
      return Reply.raw(
          200, "text/csv; charset=utf-8", report.toCsv().getBytes(StandardCharsets.UTF_8));
    }
    return Reply.ok(report.toJson());
  }

  private Reply slo(ApiRequest request) {
    Slis current = slis.get();
    if (current.sampler() != null) {
      current.sampler().sample(Metrics.get()); // include the newest minute
    }
    return Reply.ok(
        SloReport.toJson(
            clock.instant(), current.name(), new SloEvaluator(current.source()).evaluateAll()));
  }

  /**
   * Where the SLIs come from ({@code SLO_SOURCE}): {@code cloud-monitoring}, the default where
   * metrics are exported there (every instance's traffic), or {@code process}, this instance's own
   * traffic sampled once a minute (the local default).
   */
  private record Slis(String name, SliSource source, SliSampler sampler) {
    static Slis from(Backend backend) {
      boolean exported = MetricsExport.from(backend.settings()).cloudMonitoring();
      String name = backend.settings().get("SLO_SOURCE", exported ? "cloud-monitoring" : "process");
      if (name.equals("cloud-monitoring")) {
        return new Slis(
            name,
            new CloudMonitoringSliSource(
                GcpProject.from(backend.settings()).projectId(), backend.clock()),
            null);
      }
      SliSampler sampler = SliSampler.start(Metrics.get(), backend.clock());
      return new Slis("process", sampler.history(), sampler);
    }
  }
}
