output "services" {
  description = "Function name -> the Cloud Run service it runs as (the gateway's backends)."
  value       = { for name, fn in google_cloudfunctions2_function.function : name => fn.service_config[0].service }
}

output "source_object" {
  value = "gs://${var.source_bucket}/${local.source_object}"
}

output "event_triggers" {
  description = "Background function -> the Eventarc trigger that delivers to it (its subscription gets the dead-letter policy)."
  value       = { for name, fn in google_cloudfunctions2_function.function : name => fn.event_trigger[0].trigger if !contains(keys(local.http), name) }
}
