output "webhook_urls" {
  description = "Twilio: incoming-message webhook and status callback URLs."
  value       = module.utalk.webhook_urls
}

output "gateway_address" {
  description = "Point the domain's DNS A record here."
  value       = module.utalk.gateway_address
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
