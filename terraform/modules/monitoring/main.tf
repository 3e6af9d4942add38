# SLOs, burn-rate and threshold alert policies, uptime checks and notification channels. The
# numbers come from slos.generated.json, which the build generates from the code's catalog
# (shared/.../slo/Slos.java) and compares with this committed copy: edit Slos, never the JSON.
# (A child module does not read *.auto.tfvars files, so the JSON is read with file().)

locals {
  inputs = jsondecode(file("${path.module}/slos.generated.json"))
  # Page: Slack and PagerDuty; ticket and warning: Slack; SMS only where an alert names it.
  severity_channels = { page = ["slack", "pagerduty"], ticket = ["slack"] }
  burn_alerts = merge([
    for slo_id, slo in local.inputs.request_slos : {
      for rule in local.inputs.burn_rate_rules : "${slo_id} ${rule.name}" => { slo_id = slo_id, slo = slo, rule = rule }
    }
  ]...)
  uptime_paths = { health = "/health", database = "/health/database" }
  channel_ids = {
    slack     = google_monitoring_notification_channel.slack.id
    pagerduty = google_monitoring_notification_channel.pagerduty.id
    sms       = google_monitoring_notification_channel.sms.id
  }
}

resource "google_monitoring_notification_channel" "slack" {
  project      = var.project_id
  display_name = "Slack ${var.notification.slack_channel} (${var.environment})"
  type         = "slack"
  labels = {
    channel_name = var.notification.slack_channel
  }
  sensitive_labels {
    auth_token = var.credentials.slack_auth_token
  }
}

resource "google_monitoring_notification_channel" "pagerduty" {
  project      = var.project_id
  display_name = "PagerDuty (${var.environment})"
  type         = "pagerduty"
  sensitive_labels {
    service_key = var.credentials.pagerduty_service_key
  }
}

resource "google_monitoring_notification_channel" "sms" {
  project      = var.project_id
  display_name = "On-call SMS (${var.environment})"
  type         = "sms"
  labels = {
    number = var.notification.sms_number
  }
}

resource "google_monitoring_custom_service" "service" {
  for_each     = local.inputs.services
  project      = var.project_id
  service_id   = "utalk-${each.key}"
  display_name = each.value
}

resource "google_monitoring_slo" "slo" {
  for_each            = local.inputs.request_slos
  project             = var.project_id
  service             = google_monitoring_custom_service.service[each.value.service].service_id
  slo_id              = each.key
  display_name        = each.value.display_name
  goal                = each.value.goal
  rolling_period_days = local.inputs.period_days

  request_based_sli {
    dynamic "good_total_ratio" {
      for_each = each.value.kind == "ratio" ? [each.value] : []
      content {
        total_service_filter = good_total_ratio.value.total_filter
        bad_service_filter   = good_total_ratio.value.bad_filter
      }
    }
    dynamic "distribution_cut" {
      for_each = each.value.kind == "distribution" ? [each.value] : []
      content {
        distribution_filter = distribution_cut.value.distribution_filter
        range {
          max = distribution_cut.value.range_max
        }
      }
    }
  }
}

# Multi-window burn rate: both windows must burn faster than the rule's rate.
resource "google_monitoring_alert_policy" "burn_rate" {
  for_each              = local.burn_alerts
  project               = var.project_id
  display_name          = "SLO ${each.value.slo_id}: ${each.value.rule.severity}, burn > ${each.value.rule.burn_rate}x over ${each.value.rule.long_window} and ${each.value.rule.short_window}"
  combiner              = "AND"
  notification_channels = [for channel in local.severity_channels[each.value.rule.severity] : local.channel_ids[channel]]
  severity              = each.value.rule.severity == "page" ? "CRITICAL" : "WARNING"

  dynamic "conditions" {
    for_each = [each.value.rule.long_window, each.value.rule.short_window]
    content {
      display_name = "burn rate over ${conditions.value}"
      condition_threshold {
        filter          = "select_slo_burn_rate(\"${google_monitoring_slo.slo[each.value.slo_id].id}\", \"${conditions.value}\")"
        comparison      = "COMPARISON_GT"
        threshold_value = each.value.rule.burn_rate
        duration        = "0s"
      }
    }
  }

  documentation {
    content   = "${each.value.slo.display_name}: the error budget burns ${each.value.rule.burn_rate}x too fast. Runbook: ${var.runbook_base_url}/${each.value.slo.runbook}"
    mime_type = "text/markdown"
  }
}

resource "google_monitoring_uptime_check_config" "check" {
  for_each     = local.uptime_paths
  project      = var.project_id
  display_name = "UTalk ${each.value} (${var.environment})"
  timeout      = "10s"
  period       = "60s"
  http_check {
    path         = each.value
    port         = 443
    use_ssl      = true
    validate_ssl = true
  }
  monitored_resource {
    type = "uptime_url"
    labels = {
      project_id = var.project_id
      host       = var.health_host
    }
  }
}

resource "google_monitoring_alert_policy" "threshold" {
  for_each              = local.inputs.threshold_alerts
  project               = var.project_id
  display_name          = "${each.key}: ${each.value.display_name}"
  combiner              = "OR"
  notification_channels = [for channel in each.value.channels : local.channel_ids[channel]]
  severity              = upper(each.value.severity)

  conditions {
    display_name = each.value.display_name
    condition_threshold {
      filter = replace(replace(each.value.filter,
        "__UPTIME_CHECK_health__", google_monitoring_uptime_check_config.check["health"].uptime_check_id),
      "__UPTIME_CHECK_database__", google_monitoring_uptime_check_config.check["database"].uptime_check_id)
      denominator_filter = lookup(each.value, "denominator_filter", null)
      comparison         = each.value.comparison
      threshold_value    = each.value.threshold
      duration           = each.value.duration
      aggregations {
        alignment_period     = "60s"
        per_series_aligner   = each.value.aligner
        cross_series_reducer = each.value.reducer
      }
      dynamic "denominator_aggregations" {
        for_each = contains(keys(each.value), "denominator_filter") ? [each.value] : []
        content {
          alignment_period     = "60s"
          per_series_aligner   = denominator_aggregations.value.aligner
          cross_series_reducer = denominator_aggregations.value.reducer
        }
      }
    }
  }

  documentation {
    content   = "${each.value.display_name} (${each.value.severity}). Runbook: ${var.runbook_base_url}/${each.value.runbook}"
    mime_type = "text/markdown"
  }
}

# The manual 180-day rotation of the API keys: Secret Manager's reminder becomes a ticket.
resource "google_monitoring_alert_policy" "secret_rotation_due" {
  project               = var.project_id
  display_name          = "secret-rotation-due: rotate the Twilio token / OpenAI key / media signing key by hand"
  combiner              = "OR"
  notification_channels = [local.channel_ids.slack]
  severity              = "WARNING"
  conditions {
    display_name = "a rotation reminder was published"
    condition_threshold {
      filter          = "metric.type=\"pubsub.googleapis.com/topic/send_message_operation_count\" resource.type=\"pubsub_topic\" resource.labels.topic_id=\"${var.reminder_topic}\""
      comparison      = "COMPARISON_GT"
      threshold_value = 0
      duration        = "0s"
      aggregations {
        alignment_period   = "300s"
        per_series_aligner = "ALIGN_SUM"
      }
    }
  }
  documentation {
    content   = "A secret's 180-day rotation is due: add a new version (gcloud secrets versions add), then disable the old one. Runbook: ${var.runbook_base_url}/README.md"
    mime_type = "text/markdown"
  }
}
