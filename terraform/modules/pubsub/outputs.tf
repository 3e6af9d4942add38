output "topic_ids" {
  description = "Topic name -> projects/<p>/topics/<name>."
  value       = { for name, topic in google_pubsub_topic.topic : name => topic.id }
}

output "dead_letter_topics" {
  description = "Background function -> its dead-letter topic."
  value       = { for name, topic in google_pubsub_topic.dead_letter : name => topic.id }
}

output "max_delivery_attempts" {
  description = "Deliveries of one event before it moves to the function's dead-letter topic."
  value       = local.max_delivery_attempts
}
