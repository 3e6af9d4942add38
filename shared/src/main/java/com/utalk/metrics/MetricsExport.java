package com.utalk.metrics;

import com.utalk.config.AppEnvironment;
import com.utalk.config.ServiceIdentity;
import com.utalk.config.Settings;
import java.time.Duration;
import java.util.Locale;

/**
 * Where metrics go besides {@code /metrics}. {@code METRICS_EXPORTER}: {@code cloud-monitoring}
 * (default in staging and production) or {@code none} (default in development: the local stack
 * reads Prometheus text). {@code METRICS_EXPORT_INTERVAL_SECONDS}: the periodic reader's interval
 * (docs/operations.md: 15 s for application metrics). {@code METRICS_PORT}: when set, this process
 * also serves {@code /metrics} on that port (how a function running in its own invoker process is
 * scraped locally).
 */
public record MetricsExport(
    boolean cloudMonitoring, Duration interval, String projectId, int port) {
  public static MetricsExport from(Settings settings) {
    AppEnvironment environment = ServiceIdentity.from(settings).environment();
    String exporter =
        settings
            .get(
                "METRICS_EXPORTER",
                environment == AppEnvironment.DEVELOPMENT ? "none" : "cloud-monitoring")
            .toLowerCase(Locale.ROOT);
    return new MetricsExport(
        exporter.equals("cloud-monitoring"),
        Duration.ofSeconds(settings.getLong("METRICS_EXPORT_INTERVAL_SECONDS", 15)),
        settings.get("GOOGLE_CLOUD_PROJECT", settings.get("GCP_PROJECT", "utalk-local")),
        settings.getInt("METRICS_PORT", 0));
  }
}
