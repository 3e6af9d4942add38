output "webhook_urls" {
  description = "Point Twilio here: incoming WhatsApp messages and status callbacks."
  value       = module.functions.webhook_urls
}

output "function_urls" {
  description = "Every HTTP function's URL (the load balancer or gateway routes the catalog paths to them)."
  value       = module.functions.http_urls
}

output "realtime_url" {
  description = "The Socket.IO endpoint agents connect to."
  value       = module.realtime.url
}

output "source_object" {
  description = "The function source zip this apply deploys (gs://bucket/object)."
  value       = module.functions.source_object
}
