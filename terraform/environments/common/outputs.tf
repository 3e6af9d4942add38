output "webhook_urls" {
  description = "Twilio: incoming-message webhook and status callback URLs."
  value       = module.utalk.webhook_urls
}

output "function_urls" {
  value = module.utalk.function_urls
}

output "realtime_url" {
  value = module.utalk.realtime_url
}

output "source_object" {
  value = module.utalk.source_object
}

output "dead_letters" {
  value = module.utalk.dead_letters
}

output "project_id" {
  value = var.project_id
}
