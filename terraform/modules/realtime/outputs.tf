output "service_name" {
  value = google_cloud_run_v2_service.realtime.name
}

output "image" {
  value = local.image
}
