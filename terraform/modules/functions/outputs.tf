output "http_urls" {
  description = "HTTP function name -> its URL."
  value       = { for name, fn in google_cloudfunctions2_function.function : name => fn.service_config[0].uri if contains(keys(local.http), name) }
}

output "webhook_urls" {
  description = "Twilio's incoming-message webhook and status callback."
  value = {
    incoming_message = google_cloudfunctions2_function.function["whatsapp-inbound-webhook"].service_config[0].uri
    status_callback  = google_cloudfunctions2_function.function["twilio-status-callback"].service_config[0].uri
  }
}

output "health_host" {
  description = "Host of the health function, for the uptime check."
  value       = trimprefix(google_cloudfunctions2_function.function["api-health"].service_config[0].uri, "https://")
}

output "source_object" {
  value = "gs://${var.source_bucket}/${local.source_object}"
}

output "event_triggers" {
  description = "Background function -> the Eventarc trigger that delivers to it (its subscription gets the dead-letter policy)."
  value       = { for name, fn in google_cloudfunctions2_function.function : name => fn.event_trigger[0].trigger if !contains(keys(local.http), name) }
}
