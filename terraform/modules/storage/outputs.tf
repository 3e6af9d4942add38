output "media_bucket" {
  value = google_storage_bucket.media.name
}

output "backups_bucket" {
  value = google_storage_bucket.backups.name
}

output "source_bucket" {
  value = google_storage_bucket.source.name
}
