# Retention: the _Default bucket keeps this environment's days (7 / 30 / 90); errors go to a
# bucket kept 1 year and Cloud Audit Logs (cloudaudit.googleapis.com/*) to one kept 2 years. The
# application's own audit entries are Firestore documents (auditLogs, 730-day expireAt in
# AuditLog.RETENTION), not log lines. /health and /metrics request logs are excluded.

locals {
  sinks = {
    errors = { days = 365, filter = "severity>=ERROR" }
    audit  = { days = 730, filter = "logName:\"cloudaudit.googleapis.com\"" }
  }
}

resource "google_logging_project_bucket_config" "default" {
  project        = var.project_id
  location       = "global"
  bucket_id      = "_Default"
  retention_days = var.log_retention_days
}

resource "google_logging_project_bucket_config" "kept" {
  for_each       = local.sinks
  project        = var.project_id
  location       = var.region
  bucket_id      = "utalk-${each.key}"
  retention_days = each.value.days
  description    = "UTalk ${each.key} logs, kept ${each.value.days} days"
}

resource "google_logging_project_sink" "kept" {
  for_each               = local.sinks
  project                = var.project_id
  name                   = "utalk-${each.key}"
  destination            = "logging.googleapis.com/${google_logging_project_bucket_config.kept[each.key].id}"
  filter                 = each.value.filter
  unique_writer_identity = true
}

# Probe and scrape request logs are noise (the code does not log /health either).
resource "google_logging_project_exclusion" "probes" {
  project     = var.project_id
  name        = "utalk-health-and-metrics-requests"
  description = "Request logs of /health and /metrics"
  filter      = "httpRequest.requestUrl:\"/health\" OR httpRequest.requestUrl:\"/metrics\""
}
