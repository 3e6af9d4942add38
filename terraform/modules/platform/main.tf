# Project services, one service account per function and one for the realtime service, and the
# Google service agents' grants the Eventarc triggers need. No basic roles (owner/editor).

locals {
  services = [
    "cloudfunctions.googleapis.com", "run.googleapis.com", "cloudbuild.googleapis.com",
    "artifactregistry.googleapis.com", "eventarc.googleapis.com", "pubsub.googleapis.com",
    "firestore.googleapis.com", "secretmanager.googleapis.com", "cloudscheduler.googleapis.com",
    "monitoring.googleapis.com", "logging.googleapis.com", "cloudtrace.googleapis.com",
    "storage.googleapis.com", "iamcredentials.googleapis.com", "compute.googleapis.com",
  ]
  # Every function writes logs, metrics and traces.
  base_roles = ["roles/logging.logWriter", "roles/monitoring.metricWriter", "roles/cloudtrace.agent"]
  function_roles = merge([
    for name, fn in var.functions : {
      for role in distinct(concat(local.base_roles, fn.roles)) : "${name} ${role}" => { name = name, role = role }
    }
  ]...)
  realtime_roles = concat(local.base_roles, ["roles/datastore.user"])
}

data "google_project" "this" {
  project_id = var.project_id
}

resource "google_project_service" "enabled" {
  for_each           = toset(local.services)
  project            = var.project_id
  service            = each.key
  disable_on_destroy = false
}

resource "google_service_account" "function" {
  for_each     = var.functions
  project      = var.project_id
  account_id   = substr("fn-${each.key}", 0, 30)
  display_name = "UTalk function ${each.key}"
}

resource "google_service_account" "realtime" {
  project      = var.project_id
  account_id   = "realtime-service"
  display_name = "UTalk realtime service (Cloud Run)"
}

# Eventarc delivers events as this account; it may only invoke the functions (granted per function).
resource "google_service_account" "trigger" {
  project      = var.project_id
  account_id   = "eventarc-trigger"
  display_name = "UTalk Eventarc triggers"
}

resource "google_project_iam_member" "function" {
  for_each = local.function_roles
  project  = var.project_id
  role     = each.value.role
  member   = "serviceAccount:${google_service_account.function[each.value.name].email}"
}

resource "google_project_iam_member" "realtime" {
  for_each = toset(local.realtime_roles)
  project  = var.project_id
  role     = each.key
  member   = "serviceAccount:${google_service_account.realtime.email}"
}

resource "google_project_iam_member" "trigger_receiver" {
  project = var.project_id
  role    = "roles/eventarc.eventReceiver"
  member  = "serviceAccount:${google_service_account.trigger.email}"
}

# The Pub/Sub service agent mints the tokens of authenticated push (Eventarc's transport).
resource "google_project_iam_member" "pubsub_agent_token_creator" {
  project    = var.project_id
  role       = "roles/iam.serviceAccountTokenCreator"
  member     = "serviceAccount:service-${data.google_project.this.number}@gcp-sa-pubsub.iam.gserviceaccount.com"
  depends_on = [google_project_service.enabled]
}

resource "google_project_iam_member" "eventarc_agent" {
  project    = var.project_id
  role       = "roles/eventarc.serviceAgent"
  member     = "serviceAccount:service-${data.google_project.this.number}@gcp-sa-eventarc.iam.gserviceaccount.com"
  depends_on = [google_project_service.enabled]
}

# Signed media URLs are signed through IAM signBlob as the function itself (GcsMediaStore).
resource "google_service_account_iam_member" "self_signer" {
  for_each           = toset([for name in ["api", "media-ingester", "outbound-message-sender"] : name if contains(keys(var.functions), name)])
  service_account_id = google_service_account.function[each.key].name
  role               = "roles/iam.serviceAccountTokenCreator"
  member             = "serviceAccount:${google_service_account.function[each.key].email}"
}
