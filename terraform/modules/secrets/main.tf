# Secret Manager: the JWT signing keys rotate automatically (Secret Manager notifies the topic
# secret-rotations every rotation period; the jwt-secret-rotation function adds the new version);
# the Twilio token, the OpenAI key and the media signing key rotate by hand every 180 days, and a
# reminder on secret-rotation-reminders becomes a ticket (monitoring module). Values are added
# outside Terraform (gcloud secrets versions add) so they never enter the state. Access is granted
# per secret to the functions that read it, never project-wide.

locals {
  manual = toset(values(var.secret_settings))
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

resource "google_secret_manager_secret" "jwt" {
  project   = var.project_id
  secret_id = var.jwt_secret_id
  replication {
    auto {}
  }
  rotation {
    rotation_period    = "${var.jwt_rotation_days * 86400}s"
    next_rotation_time = timeadd(plantimestamp(), "${var.jwt_rotation_days * 24}h")
  }
  topics {
    name = var.rotation_topic
  }
  lifecycle {
    # next_rotation_time moves forward with every rotation; only the period is ours.
    ignore_changes = [rotation[0].next_rotation_time]
  }
  depends_on = [google_pubsub_topic_iam_member.agent_rotation]
}

resource "google_secret_manager_secret" "manual" {
  for_each  = local.manual
  project   = var.project_id
  secret_id = each.key
  replication {
    auto {}
  }
  rotation {
    rotation_period    = "15552000s" # 180 days
    next_rotation_time = timeadd(plantimestamp(), "4320h")
  }
  topics {
    name = var.reminder_topic
  }
  lifecycle {
    ignore_changes = [rotation[0].next_rotation_time]
  }
  depends_on = [google_pubsub_topic_iam_member.agent_reminder]
}

resource "google_secret_manager_secret_iam_member" "reader" {
  for_each  = local.readers
  project   = var.project_id
  secret_id = google_secret_manager_secret.manual[each.value.secret].secret_id
  role      = "roles/secretmanager.secretAccessor"
  member    = "serviceAccount:${var.function_accounts[each.value.name]}"
}

resource "google_secret_manager_secret_iam_member" "jwt" {
  for_each  = local.jwt_grants
  project   = var.project_id
  secret_id = google_secret_manager_secret.jwt.secret_id
  role      = each.value.role
  member    = "serviceAccount:${local.jwt_members[each.value.holder]}"
}

# Secret Manager publishes rotation notifications as its service agent.
resource "google_pubsub_topic_iam_member" "agent_rotation" {
  topic  = var.rotation_topic
  role   = "roles/pubsub.publisher"
  member = "serviceAccount:${var.secretmanager_agent}"
}

resource "google_pubsub_topic_iam_member" "agent_reminder" {
  topic  = var.reminder_topic
  role   = "roles/pubsub.publisher"
  member = "serviceAccount:${var.secretmanager_agent}"
}
