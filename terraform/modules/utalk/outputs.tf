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

output "dead_letters" {
  description = "Background function -> its Eventarc trigger, dead-letter topic and delivery attempts (scripts/attach-dead-letters.sh)."
  value = {
    for name, trigger in module.functions.event_triggers : name => {
      trigger               = trigger
      dead_letter_topic     = module.pubsub.dead_letter_topics[name]
      max_delivery_attempts = module.pubsub.max_delivery_attempts
    }
  }
}
