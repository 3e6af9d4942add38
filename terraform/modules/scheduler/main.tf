# Cloud Scheduler jobs, each publishing to a topic. Times are UTC, stated explicitly.

locals {
  jobs = {
    "kpi-rollup" = {
      schedule    = "5 * * * *" # hourly, 5 minutes past: the previous hour is complete
      topic       = "kpi-rollup"
      description = "Hourly KPI rollup (KpiRollupFunction)"
    }
    "firestore-backup" = {
      schedule    = "30 3 * * *" # daily 03:30 UTC, the quietest hour
      topic       = "backups"
      description = "Daily Firestore export and media copy (the backup function)"
    }
  }
}

resource "google_cloud_scheduler_job" "job" {
  for_each    = local.jobs
  project     = var.project_id
  region      = var.region
  name        = each.key
  description = each.value.description
  schedule    = each.value.schedule
  time_zone   = "Etc/UTC"
  pubsub_target {
    topic_name = var.topic_ids[each.value.topic]
    data       = base64encode(jsonencode({ job = each.key }))
  }
  retry_config {
    retry_count = 3
  }
}
