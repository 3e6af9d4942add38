# One Cloud Functions (2nd gen) function per catalog entry, all from the same source zip
# (functions-<version>.zip), Java 17. Background functions retry (the code is idempotent per
# CloudEvent id) and deliver through the Eventarc trigger account.

locals {
  source_object = "functions-${var.app_version}.zip"
  http          = { for name, fn in var.functions : name => fn if fn.trigger.type == "http" }
}

resource "google_cloudfunctions2_function" "function" {
  for_each    = var.functions
  project     = var.project_id
  location    = var.region
  name        = each.key
  description = "UTalk ${each.key} (${each.value.entry_point})"

  build_config {
    runtime     = "java17"
    entry_point = each.value.entry_point
    source {
      storage_source {
        bucket = var.source_bucket
        object = local.source_object
      }
    }
  }

  service_config {
    service_account_email            = var.function_accounts[each.key]
    available_memory                 = var.sizing[each.key].memory
    available_cpu                    = var.sizing[each.key].cpu
    max_instance_request_concurrency = var.sizing[each.key].concurrency
    min_instance_count               = var.sizing[each.key].min_instances
    max_instance_count               = var.sizing[each.key].max_instances
    timeout_seconds                  = each.value.trigger.type == "http" ? 60 : 540
    # HTTP only through the gateway (its paths and PUBLIC_BASE_URL are what Twilio signs).
    ingress_settings               = each.value.trigger.type == "http" ? "ALLOW_INTERNAL_AND_GCLB" : "ALLOW_INTERNAL_ONLY"
    all_traffic_on_latest_revision = true
    environment_variables = merge(var.settings, {
      SERVICE_NAME    = each.key
      PUBLIC_BASE_URL = var.public_base_url
    })

    dynamic "secret_environment_variables" {
      for_each = toset(each.value.secrets)
      content {
        key        = secret_environment_variables.key
        project_id = var.project_id
        secret     = var.secret_ids[var.secret_settings[secret_environment_variables.key]]
        version    = "latest"
      }
    }
  }

  dynamic "event_trigger" {
    for_each = each.value.trigger.type == "pubsub" ? [each.value.trigger] : []
    content {
      trigger_region        = var.region
      event_type            = "google.cloud.pubsub.topic.v1.messagePublished"
      pubsub_topic          = "projects/${var.project_id}/topics/${event_trigger.value.topic}"
      retry_policy          = "RETRY_POLICY_RETRY"
      service_account_email = var.trigger_account
    }
  }

  dynamic "event_trigger" {
    for_each = each.value.trigger.type == "firestore" ? [each.value.trigger] : []
    content {
      trigger_region        = var.firestore_location
      event_type            = event_trigger.value.event_type
      retry_policy          = "RETRY_POLICY_RETRY"
      service_account_email = var.trigger_account
      event_filters {
        attribute = "database"
        value     = var.firestore_database
      }
      event_filters {
        attribute = "document"
        value     = event_trigger.value.document
        operator  = "match-path-pattern"
      }
    }
  }
}

# Twilio and the agents' browsers call the HTTP functions (through the gateway) without Google
# credentials; the code authenticates them (Twilio signatures, JWTs).
resource "google_cloud_run_service_iam_member" "public" {
  for_each = local.http
  project  = var.project_id
  location = var.region
  service  = google_cloudfunctions2_function.function[each.key].service_config[0].service
  role     = "roles/run.invoker"
  member   = "allUsers"
}

# Eventarc may invoke the background functions, and nothing else may.
resource "google_cloud_run_service_iam_member" "trigger" {
  for_each = { for name, fn in var.functions : name => fn if fn.trigger.type != "http" }
  project  = var.project_id
  location = var.region
  service  = google_cloudfunctions2_function.function[each.key].service_config[0].service
  role     = "roles/run.invoker"
  member   = "serviceAccount:${var.trigger_account}"
}
