# Media (private, uniform access), backups (lifecycle per prefix) and the function source zips.

locals {
  buckets = {
    media   = "${var.project_id}-media"
    backups = "${var.project_id}-backups"
    source  = "${var.project_id}-function-source"
  }
}

resource "google_storage_bucket" "media" {
  project                     = var.project_id
  name                        = local.buckets.media
  location                    = var.region
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  force_destroy               = !var.deletion_protection
  versioning {
    enabled = var.deletion_protection
  }
}

resource "google_storage_bucket" "backups" {
  project                     = var.project_id
  name                        = local.buckets.backups
  location                    = var.region
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  force_destroy               = !var.deletion_protection
  # The backup function writes Firestore exports under firestore/ and media copies under media/.
  lifecycle_rule {
    condition {
      age            = 30
      matches_prefix = ["firestore/"]
    }
    action {
      type = "Delete"
    }
  }
  # Media copies are stored once per content hash (media/objects/) and named by each day's
  # manifest (media/<backup>/manifest.jsonl.gz): an old object can still be in today's manifest, so
  # the age rule removes manifests only and the backup function sweeps objects no manifest names.
  lifecycle_rule {
    condition {
      age            = 90
      matches_prefix = ["media/"]
      matches_suffix = ["manifest.jsonl.gz"]
    }
    action {
      type = "Delete"
    }
  }
}

resource "google_storage_bucket" "source" {
  project                     = var.project_id
  name                        = local.buckets.source
  location                    = var.region
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  force_destroy               = !var.deletion_protection
  # Old versions' zips are kept for a rollback for a year.
  lifecycle_rule {
    condition {
      age = 365
    }
    action {
      type = "Delete"
    }
  }
}

resource "google_storage_bucket_iam_member" "media_writer" {
  for_each = toset(var.media_writers)
  bucket   = google_storage_bucket.media.name
  role     = "roles/storage.objectUser"
  member   = "serviceAccount:${var.function_accounts[each.key]}"
}

resource "google_storage_bucket_iam_member" "media_reader_realtime" {
  bucket = google_storage_bucket.media.name
  role   = "roles/storage.objectViewer"
  member = "serviceAccount:${var.realtime_account}"
}

resource "google_storage_bucket_iam_member" "backup_writer" {
  for_each = toset(var.backup_writers)
  bucket   = google_storage_bucket.backups.name
  role     = "roles/storage.objectAdmin"
  member   = "serviceAccount:${var.function_accounts[each.key]}"
}

resource "google_storage_bucket_iam_member" "backup_reader" {
  for_each = toset(var.backup_readers)
  bucket   = google_storage_bucket.backups.name
  role     = "roles/storage.objectViewer"
  member   = "serviceAccount:${var.function_accounts[each.key]}"
}

# The backup function copies media: it reads the media bucket.
resource "google_storage_bucket_iam_member" "backup_media_reader" {
  for_each = toset(var.backup_writers)
  bucket   = google_storage_bucket.media.name
  role     = "roles/storage.objectViewer"
  member   = "serviceAccount:${var.function_accounts[each.key]}"
}

# Managed Firestore exports are written by the Firestore service agent.
resource "google_storage_bucket_iam_member" "firestore_agent_backups" {
  bucket = google_storage_bucket.backups.name
  role   = "roles/storage.objectAdmin"
  member = "serviceAccount:service-${var.project_number}@gcp-sa-firestore.iam.gserviceaccount.com"
}
