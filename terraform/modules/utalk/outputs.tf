output "webhook_urls" {
  description = "Point Twilio here: incoming WhatsApp messages (the sender sets the status callback itself)."
  value = {
    incoming_message = "${module.gateway.base_url}${local.functions["whatsapp-inbound-webhook"].trigger.path}"
    status_callback  = "${module.gateway.base_url}${local.functions["twilio-status-callback"].trigger.path}"
  }
}

output "gateway_address" {
  description = "The IP address the domain's DNS A record must point at."
  value       = module.gateway.address
}

output "realtime_url" {
  description = "Where agents' socket.io-client connects (default path /socket.io/)."
  value       = module.gateway.base_url
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
