# The (default) Native database with point-in-time recovery (the 1 h RPO rests on it), the
# composite indexes of the code's queries (indexes.tf), TTL on the collections that carry
# expireAt, and daily/weekly managed backups. The 30-day exports come from the backup function.
# After a disaster-recovery restore into a new database (created by gcloud, outside Terraform),
# serving_database names it: indexes, TTL and backup schedules then apply to it, and the
# (default) database is kept (abandoned, never destroyed, in production) for the post-mortem.

locals {
  database = var.serving_database == "(default)" ? google_firestore_database.default.name : var.serving_database
}

resource "google_firestore_database" "default" {
  project                           = var.project_id
  name                              = "(default)"
  location_id                       = var.location
  type                              = "FIRESTORE_NATIVE"
  concurrency_mode                  = "OPTIMISTIC"
  point_in_time_recovery_enablement = "POINT_IN_TIME_RECOVERY_ENABLED"
  delete_protection_state           = var.deletion_protection ? "DELETE_PROTECTION_ENABLED" : "DELETE_PROTECTION_DISABLED"
  deletion_policy                   = var.deletion_protection ? "ABANDON" : "DELETE"
}

# Documents the code writes with expireAt: processed CloudEvent ids, login throttling, audit entries.
resource "google_firestore_field" "ttl" {
  for_each   = toset(["processedEvents", "loginAttempts", "auditLogs"])
  project    = var.project_id
  database   = local.database
  collection = each.key
  field      = "expireAt"
  ttl_config {}
  # Single-field indexes on expireAt are never queried.
  index_config {}
}

resource "google_firestore_backup_schedule" "daily" {
  project   = var.project_id
  database  = local.database
  retention = "604800s" # 7 days, the most a daily schedule keeps
  daily_recurrence {}
}

resource "google_firestore_backup_schedule" "weekly" {
  project   = var.project_id
  database  = local.database
  retention = "4838400s" # 8 weeks
  weekly_recurrence {
    day = "SUNDAY"
  }
}
