# The document's two dashboards with its panels and thresholds ("Configuración de Dashboards").

locals {
  workload = "resource.type=\"generic_task\""
  overview = {
    displayName = "UTalk Backend - Overview"
    mosaicLayout = {
      columns = 12
      tiles = [
        {
          xPos = 0, yPos = 0, width = 6, height = 4
          widget = {
            title = "API Response Time (mean by endpoint)"
            xyChart = {
              dataSets = [{
                plotType = "LINE"
                timeSeriesQuery = {
                  timeSeriesFilter = {
                    filter      = "metric.type=\"workload.googleapis.com/http_request_duration_seconds\" ${local.workload}"
                    aggregation = { alignmentPeriod = "60s", perSeriesAligner = "ALIGN_DELTA", crossSeriesReducer = "REDUCE_MEAN", groupByFields = ["metric.label.http_route"] }
                  }
                }
              }]
              thresholds = [{ value = 0.2, color = "YELLOW", direction = "ABOVE" }, { value = 0.5, color = "RED", direction = "ABOVE" }]
              yAxis      = { label = "seconds", scale = "LINEAR" }
            }
          }
        },
        {
          xPos = 6, yPos = 0, width = 6, height = 4
          widget = {
            title = "Error Rate (5xx share, 5 min)"
            xyChart = {
              dataSets = [{
                plotType = "LINE"
                timeSeriesQuery = {
                  timeSeriesFilterRatio = {
                    numerator = {
                      filter      = "metric.type=\"workload.googleapis.com/http_requests_total\" ${local.workload} metric.labels.http_response_status_class=\"5xx\""
                      aggregation = { alignmentPeriod = "300s", perSeriesAligner = "ALIGN_RATE", crossSeriesReducer = "REDUCE_SUM" }
                    }
                    denominator = {
                      filter      = "metric.type=\"workload.googleapis.com/http_requests_total\" ${local.workload}"
                      aggregation = { alignmentPeriod = "300s", perSeriesAligner = "ALIGN_RATE", crossSeriesReducer = "REDUCE_SUM" }
                    }
                  }
                }
              }]
              thresholds = [{ value = 0.01, color = "YELLOW", direction = "ABOVE" }, { value = 0.05, color = "RED", direction = "ABOVE" }]
            }
          }
        },
        {
          xPos = 0, yPos = 4, width = 6, height = 4
          widget = {
            title = "Active Connections"
            scorecard = {
              timeSeriesQuery = {
                timeSeriesFilter = {
                  filter      = "metric.type=\"workload.googleapis.com/socket_connections_active\" ${local.workload}"
                  aggregation = { alignmentPeriod = "60s", perSeriesAligner = "ALIGN_MEAN", crossSeriesReducer = "REDUCE_SUM" }
                }
              }
              thresholds = [{ value = 5000, color = "YELLOW", direction = "ABOVE" }, { value = 8000, color = "RED", direction = "ABOVE" }]
            }
          }
        },
        {
          xPos = 6, yPos = 4, width = 6, height = 4
          widget = {
            title = "Memory Usage"
            scorecard = {
              gaugeView = { lowerBound = 0, upperBound = 1 }
              timeSeriesQuery = {
                timeSeriesFilter = {
                  filter      = "metric.type=\"run.googleapis.com/container/memory/utilizations\" resource.type=\"cloud_run_revision\""
                  aggregation = { alignmentPeriod = "60s", perSeriesAligner = "ALIGN_PERCENTILE_99", crossSeriesReducer = "REDUCE_MAX" }
                }
              }
              thresholds = [{ value = 0.7, color = "YELLOW", direction = "ABOVE" }, { value = 0.85, color = "RED", direction = "ABOVE" }]
            }
          }
        },
      ]
    }
  }
  websocket = {
    displayName = "WebSocket Performance"
    mosaicLayout = {
      columns = 12
      tiles = [
        {
          xPos = 0, yPos = 0, width = 6, height = 4
          widget = {
            title = "Connection Rate (per second, 1 min)"
            xyChart = {
              dataSets = [{
                plotType = "LINE"
                timeSeriesQuery = {
                  timeSeriesFilter = {
                    filter      = "metric.type=\"workload.googleapis.com/socket_connections_total\" ${local.workload}"
                    aggregation = { alignmentPeriod = "60s", perSeriesAligner = "ALIGN_RATE", crossSeriesReducer = "REDUCE_SUM", groupByFields = ["metric.label.outcome"] }
                  }
                }
              }]
            }
          }
        },
        {
          xPos = 6, yPos = 0, width = 6, height = 4
          widget = {
            title = "Event Throughput (per second, 1 min)"
            xyChart = {
              dataSets = [{
                plotType = "LINE"
                timeSeriesQuery = {
                  timeSeriesFilter = {
                    filter      = "metric.type=\"workload.googleapis.com/socket_events_total\" ${local.workload}"
                    aggregation = { alignmentPeriod = "60s", perSeriesAligner = "ALIGN_RATE", crossSeriesReducer = "REDUCE_SUM" }
                  }
                }
              }]
            }
          }
        },
        {
          xPos = 0, yPos = 4, width = 12, height = 4
          widget = {
            title = "Latency Distribution"
            xyChart = {
              dataSets = [{
                plotType = "HEATMAP"
                timeSeriesQuery = {
                  timeSeriesFilter = {
                    filter      = "metric.type=\"workload.googleapis.com/socket_event_duration_seconds\" ${local.workload}"
                    aggregation = { alignmentPeriod = "60s", perSeriesAligner = "ALIGN_DELTA", crossSeriesReducer = "REDUCE_SUM" }
                  }
                }
              }]
            }
          }
        },
      ]
    }
  }
}

resource "google_monitoring_dashboard" "overview" {
  project        = var.project_id
  dashboard_json = jsonencode(local.overview)
}

resource "google_monitoring_dashboard" "websocket" {
  project        = var.project_id
  dashboard_json = jsonencode(local.websocket)
}
