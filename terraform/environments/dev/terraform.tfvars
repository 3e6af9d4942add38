# Development: everything may scale to zero; destroy is allowed.
project_id         = "utalk-dev"
region             = "us-central1"
firestore_location = "nam5"
environment        = "development"
domain             = "dev.api.utalk.example"              # PUBLIC_BASE_URL is https://<domain>
twilio_account_sid = "AC00000000000000000000000000000000" # replace with the environment's account

# Overrides of the code's defaults (see modules/utalk/catalog.tf tunable_settings).
settings = {
  LOG_LEVEL = "debug"
}

function_sizing = {
  "whatsapp-inbound-webhook"  = { memory = "1Gi", cpu = "1", concurrency = 20, min_instances = 0, max_instances = 10 }
  "twilio-status-callback"    = { memory = "512Mi", cpu = "1", concurrency = 20, min_instances = 0, max_instances = 10 }
  "outbound-message-sender"   = { memory = "1Gi", cpu = "1", concurrency = 20, min_instances = 0, max_instances = 10 }
  "api"                       = { memory = "1Gi", cpu = "1", concurrency = 20, min_instances = 0, max_instances = 10 }
  "api-health"                = { memory = "512Mi", cpu = "1", concurrency = 20, min_instances = 0, max_instances = 10 }
  "jwt-secret-rotation"       = { memory = "512Mi", cpu = "1", concurrency = 1, min_instances = 0, max_instances = 1 }
  "bot-replier"               = { memory = "1Gi", cpu = "1", concurrency = 20, min_instances = 0, max_instances = 10 }
  "media-ingester"            = { memory = "1Gi", cpu = "1", concurrency = 4, min_instances = 0, max_instances = 10 }
  "kpi-counter-messages"      = { memory = "512Mi", cpu = "1", concurrency = 10, min_instances = 0, max_instances = 10 }
  "kpi-counter-conversations" = { memory = "512Mi", cpu = "1", concurrency = 10, min_instances = 0, max_instances = 10 }
  "kpi-counter-escalations"   = { memory = "512Mi", cpu = "1", concurrency = 10, min_instances = 0, max_instances = 10 }
  "kpi-counter-ratings"       = { memory = "512Mi", cpu = "1", concurrency = 10, min_instances = 0, max_instances = 10 }
  "kpi-rollup"                = { memory = "512Mi", cpu = "1", concurrency = 1, min_instances = 0, max_instances = 1 }
  "firestore-backup"          = { memory = "1Gi", cpu = "1", concurrency = 1, min_instances = 0, max_instances = 1 }
  "rating-survey"             = { memory = "512Mi", cpu = "1", concurrency = 20, min_instances = 0, max_instances = 10 }
}

realtime = { cpu = "1", memory = "1Gi", min_instances = 0, max_instances = 3, concurrency = 1000 }

deletion_protection = false
log_retention_days  = 7

notification = {
  slack_channel = "#ops-alerts"
  sms_number    = "+10000000000" # the on-call phone
}

runbook_base_url = "https://github.com/utalk/utalk-backend/blob/main/runbooks"
