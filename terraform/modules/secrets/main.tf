# Secret Manager: the JWT signing keys rotate automatically (Secret Manager notifies the topic
# secret-rotations every rotation period; the jwt-secret-rotation function adds the new version);
# the Twilio token, the OpenAI key and the media signing key rotate by hand every 180 days, and a
# reminder on secret-rotation-reminders becomes a ticket (monitoring module). Values are added
# outside Terraform (gcloud secrets versions add) so they never enter the state. Access is granted
# per secret to the functions that read it, never project-wide.

locals {
  # The JWT keys rotate automatically every JWT_ROTATION_DAYS (the rotation function adds the
  # version); the others remind every 180 days that someone must rotate them.
  secrets = merge(
    { for id in values(var.secret_settings) : id => { days = 180, topic = var.reminder_topic } },
    { (var.jwt_secret_id) = { days = var.jwt_rotation_days, topic = var.rotation_topic } },
  )
  readers = merge([
    for name, fn in var.functions : {
      for setting in fn.secrets : "${name} ${setting}" => { name = name, secret = var.secret_settings[setting] }
    }
  ]...)
  # Who handles the JWT keys. Managers (the API's admin rotation, the rotation function) list, read
  # and add/disable versions; verifiers list and read them: api-health runs the API's class, which
  # loads the versions at start-up, and the realtime service checks tokens. Keys are names, not
  # e-mails, so that for_each is known at plan time.
  jwt_managers = [for name in ["api", "jwt-secret-rotation"] : name if contains(keys(var.function_accounts), name)]
  jwt_members = merge(
    { for name in ["api", "jwt-secret-rotation", "api-health"] : name => var.function_accounts[name] if contains(keys(var.function_accounts), name) },
    { realtime = var.realtime_account },
  )
  jwt_grants = merge([
    for holder in keys(local.jwt_members) : {
      for role in concat(["roles/secretmanager.secretAccessor", "roles/secretmanager.viewer"], contains(local.jwt_managers, holder) ? ["roles/secretmanager.secretVersionManager"] : []) :
      "${holder} ${role}" => { holder = holder, role = role }
    }
  ]...)
}

resource "google_secret_manager_secret" "secret" {
  for_each  = local.secrets
  project   = var.project_id
  secret_id = each.key
  replication {
    auto {}
  }
  rotation {
    rotation_period    = "${each.value.days * 86400}s"
    next_rotation_time = timeadd(plantimestamp(), "${each.value.days * 24}h")
  }
  topics {
    name = each.value.topic
  }
  lifecycle {
    # next_rotation_time moves forward with every rotation; only the period is ours.
    ignore_changes = [rotation[0].next_rotation_time]
  }
  depends_on = [google_pubsub_topic_iam_member.agent]
}

resource "google_secret_manager_secret_iam_member" "reader" {
  for_each  = local.readers
  project   = var.project_id
  secret_id = google_secret_manager_secret.secret[each.value.secret].secret_id
  role      = "roles/secretmanager.secretAccessor"
  member    = "serviceAccount:${var.function_accounts[each.value.name]}"
}

resource "google_secret_manager_secret_iam_member" "jwt" {
  for_each  = local.jwt_grants
  project   = var.project_id
  secret_id = google_secret_manager_secret.secret[var.jwt_secret_id].secret_id
  role      = each.value.role
  member    = "serviceAccount:${local.jwt_members[each.value.holder]}"
}

# Secret Manager publishes rotation notifications and reminders as its service agent.
resource "google_pubsub_topic_iam_member" "agent" {
  # Keyed by role, not by topic id: the ids are known only once the topics exist.
  for_each = { rotation = var.rotation_topic, reminder = var.reminder_topic }
  topic    = each.value
  role     = "roles/pubsub.publisher"
  member   = "serviceAccount:${var.secretmanager_agent}"
}
