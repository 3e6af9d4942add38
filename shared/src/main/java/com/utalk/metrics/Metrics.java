package com.utalk.metrics;

import com.google.cloud.opentelemetry.metric.GoogleCloudMetricExporter;
import com.google.cloud.opentelemetry.metric.MetricConfiguration;
import com.sun.net.httpserver.HttpServer;
import com.utalk.config.ServiceIdentity;
import com.utalk.config.Settings;
import com.utalk.logging.Log;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.exporter.prometheus.PrometheusMetricReader;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.SdkMeterProviderBuilder;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The process's OpenTelemetry metrics: one meter provider with OpenTelemetry's Prometheus reader
 * (the {@code /metrics} text), a pull reader for in-process sampling and, in the cloud, a periodic
 * reader exporting to Cloud Monitoring on its own thread (requests only update in-memory
 * aggregates, never wait for an export). A shutdown hook flushes the last interval before the
 * instance goes away.
 */
public final class Metrics {
  private static final Log LOG = Log.get(Metrics.class);
  private static volatile Metrics process;

  private final SdkMeterProvider provider;

  /** The Prometheus text exposition's content type (format 0.0.4), for every {@code /metrics}. */
  public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

  // created timestamps off: version 0.0.4 scrapers (and our merge) read them as extra samples
  private static final PrometheusTextFormatWriter TEXT = new PrometheusTextFormatWriter(false);

  private final PrometheusMetricReader prometheus;
  private final SampleReader samples;
  private final HttpServerMetrics http;
  private final DependencyMetrics dependencies;
  private final BusinessMetrics business;
  private final SocketMetrics sockets;
  private final HttpServer sideServer;

  private Metrics(
      SdkMeterProvider provider,
      PrometheusMetricReader prometheus,
      SampleReader samples,
      HttpServer sideServer) {
    this.provider = provider;
    this.prometheus = prometheus;
    this.samples = samples;
    Meter meter = provider.get("com.utalk");
    this.http = new HttpServerMetrics(meter);
    this.dependencies = new DependencyMetrics(meter);
    this.business = new BusinessMetrics(meter);
    this.sockets = new SocketMetrics(meter);
    JvmMetrics.register(meter);
    this.sideServer = sideServer;
  }

  /** The process-wide instance, configured from the environment on first use. */
  public static Metrics get() {
    Metrics current = process;
    if (current == null) {
      synchronized (Metrics.class) {
        if (process == null) {
          process = create(Settings.fromEnvironment(), true);
        }
        current = process;
      }
    }
    return current;
  }

  /** A separate instance (tests, tools); not registered for shutdown. */
  public static Metrics create(Settings settings) {
    return create(settings, false);
  }

  private static Metrics create(Settings settings, boolean flushOnExit) {
    MetricsExport export = MetricsExport.from(settings);
    return create(
        settings,
        flushOnExit,
        export.cloudMonitoring()
            ? new DeferredExporter(
                () ->
                    GoogleCloudMetricExporter.createWithConfiguration(
                        MetricConfiguration.builder().setProjectId(export.projectId()).build()))
            : null);
  }

  /** {@code exporter}: where the periodic reader sends metrics (null: no periodic export). */
  static Metrics create(Settings settings, boolean flushOnExit, MetricExporter exporter) {
    ServiceIdentity identity = ServiceIdentity.from(settings);
    MetricsExport export = MetricsExport.from(settings);
    Resource resource =
        Resource.getDefault()
            .merge(
                Resource.create(
                    Attributes.of(
                        AttributeKey.stringKey("service.namespace"), "utalk",
                        AttributeKey.stringKey("service.name"),
                            settings.get("K_SERVICE", identity.service()),
                        AttributeKey.stringKey("service.version"), identity.version(),
                        // Instances of one function must not write the same time series: Cloud
                        // Monitoring rejects that.
                        AttributeKey.stringKey("service.instance.id"), UUID.randomUUID().toString(),
                        AttributeKey.stringKey("deployment.environment.name"),
                            identity.environment().label())));
    // the resource (service, version, instance, environment) is the target_info series, not a label
    // on every sample
    PrometheusMetricReader prometheus = new PrometheusMetricReader(attribute -> false);
    SampleReader samples = new SampleReader();
    SdkMeterProviderBuilder builder =
        SdkMeterProvider.builder()
            .setResource(resource)
            .registerMetricReader(prometheus)
            .registerMetricReader(samples);
    if (exporter != null) {
      builder.registerMetricReader(
          PeriodicMetricReader.builder(exporter).setInterval(export.interval()).build());
    }
    SdkMeterProvider provider = builder.build();
    HttpServer side = export.port() > 0 ? sideServer(export.port()) : null;
    Metrics metrics = new Metrics(provider, prometheus, samples, side);
    if (side != null) {
      side.createContext("/metrics", new MetricsHttpHandler(metrics));
      side.start();
    }
    if (flushOnExit) {
      Runtime.getRuntime().addShutdownHook(new Thread(metrics::shutdown, "metrics-flush"));
    }
    return metrics;
  }

  public HttpServerMetrics http() {
    return http;
  }

  public DependencyMetrics dependencies() {
    return dependencies;
  }

  public BusinessMetrics business() {
    return business;
  }

  public SocketMetrics sockets() {
    return sockets;
  }

  /**
   * What this process has recorded, as the SDK's data (for in-process readers such as the SLI
   * sampler).
   */
  public Collection<MetricData> collect() {
    return samples.collect();
  }

  /** Everything this process has recorded, in Prometheus text format ({@link #CONTENT_TYPE}). */
  public String scrape() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
    try {
      TEXT.write(out, prometheus.collect());
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Exports what the periodic reader has not sent yet, then stops. */
  public void shutdown() {
    try {
      provider.shutdown().join(5, TimeUnit.SECONDS);
    } catch (RuntimeException e) {
      LOG.warn("metrics flush on shutdown failed", "cause", String.valueOf(e));
    }
    if (sideServer != null) {
      sideServer.stop(0);
    }
  }

  private static HttpServer sideServer(int port) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
      server.setExecutor(
          Executors.newSingleThreadExecutor(
              runnable -> {
                Thread thread = new Thread(runnable, "metrics-http");
                thread.setDaemon(true);
                return thread;
              }));
      return server;
    } catch (IOException e) {
      LOG.warn("cannot serve /metrics on the metrics port", "port", port, "cause", e.getMessage());
      return null;
    }
  }
}
