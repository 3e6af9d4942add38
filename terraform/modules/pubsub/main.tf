# Every topic of Topics.java, the infrastructure's own topics, a dead-letter topic (with a
# subscription that keeps what landed there) per background function, and who may publish.

locals {
  background = { for name, fn in var.functions : name => fn if fn.trigger.type != "http" }
  publishers = merge([
    for name, fn in var.functions : { for topic in fn.publishes : "${name} ${topic}" => { name = name, topic = topic } }
  ]...)
  all_topics = concat(var.topics, var.infrastructure_topics)
  # With retries on, a poison event would otherwise be retried for the 7-day retention.
  max_delivery_attempts = 10
}

resource "google_pubsub_topic" "topic" {
  for_each                   = toset(local.all_topics)
  project                    = var.project_id
  name                       = each.key
  message_retention_duration = "604800s" # 7 days: a replay window after an outage
}

resource "google_pubsub_topic" "dead_letter" {
  for_each                   = local.background
  project                    = var.project_id
  name                       = "${each.key}-dead-letter"
  message_retention_duration = "604800s"
}

# Dead letters wait here (14 days) for someone to look at them; nothing consumes them. Eventarc
# creates the subscription of each trigger itself and google_cloudfunctions2_function cannot set
# its dead-letter policy: scripts/attach-dead-letters.sh attaches these topics after each apply.
resource "google_pubsub_subscription" "dead_letter" {
  for_each                   = local.background
  project                    = var.project_id
  name                       = "${each.key}-dead-letter"
  topic                      = google_pubsub_topic.dead_letter[each.key].id
  message_retention_duration = "1209600s"
  ack_deadline_seconds       = 60
  expiration_policy {
    ttl = ""
  }
}

# Pub/Sub moves undeliverable messages as its service agent.
resource "google_pubsub_topic_iam_member" "dead_letter_publisher" {
  for_each = local.background
  project  = var.project_id
  topic    = google_pubsub_topic.dead_letter[each.key].name
  role     = "roles/pubsub.publisher"
  member   = "serviceAccount:service-${var.project_number}@gcp-sa-pubsub.iam.gserviceaccount.com"
}

resource "google_pubsub_topic_iam_member" "publisher" {
  for_each = local.publishers
  project  = var.project_id
  topic    = google_pubsub_topic.topic[each.value.topic].name
  role     = "roles/pubsub.publisher"
  member   = "serviceAccount:${var.function_accounts[each.value.name]}"
}

resource "google_pubsub_topic_iam_member" "realtime_publisher" {
  for_each = toset(["conversation-events", "outbound-messages"])
  project  = var.project_id
  topic    = google_pubsub_topic.topic[each.key].name
  role     = "roles/pubsub.publisher"
  member   = "serviceAccount:${var.realtime_account}"
}

# Each realtime instance creates and deletes its own subscription `realtime-<id>` on
# conversation-events: editor only on subscriptions of that name, subscriber on the topic.
resource "google_pubsub_topic_iam_member" "realtime_subscriber" {
  project = var.project_id
  topic   = google_pubsub_topic.topic["conversation-events"].name
  role    = "roles/pubsub.subscriber"
  member  = "serviceAccount:${var.realtime_account}"
}

resource "google_project_iam_member" "realtime_subscriptions" {
  project = var.project_id
  role    = "roles/pubsub.editor"
  member  = "serviceAccount:${var.realtime_account}"
  condition {
    title       = "realtime-subscriptions-only"
    description = "Only the per-instance subscriptions realtime-<id>"
    expression  = "resource.name.startsWith(\"projects/${var.project_id}/subscriptions/realtime-\")"
  }
}
