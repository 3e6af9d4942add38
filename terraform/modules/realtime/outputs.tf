output "url" {
  value = google_cloud_run_v2_service.realtime.uri
}

output "image" {
  value = local.image
}
