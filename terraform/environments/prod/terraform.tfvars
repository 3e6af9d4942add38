# Production: warm instances on the customer paths, deletion protection on data.
project_id         = "utalk-prod"
region             = "us-central1"
firestore_location = "nam5"
environment        = "production"
domain             = "api.utalk.example"                  # PUBLIC_BASE_URL is https://<domain>
twilio_account_sid = "AC00000000000000000000000000000000" # replace with the environment's account

# Overrides of the code's defaults (see modules/utalk/catalog.tf tunable_settings).
settings = {}

function_sizing = {
  "whatsapp-inbound-webhook"  = { memory = "1Gi", cpu = "1", concurrency = 20, min_instances = 1, max_instances = 100 }
  "twilio-status-callback"    = { memory = "512Mi", cpu = "1", concurrency = 20, min_instances = 1, max_instances = 100 }
  "outbound-message-sender"   = { memory = "1Gi", cpu = "1", concurrency = 20, min_instances = 1, max_instances = 100 }
  "api"                       = { memory = "1Gi", cpu = "1", concurrency = 20, min_instances = 1, max_instances = 100 }
  "api-health"                = { memory = "512Mi", cpu = "1", concurrency = 20, min_instances = 0, max_instances = 100 }
  "jwt-secret-rotation"       = { memory = "512Mi", cpu = "1", concurrency = 1, min_instances = 0, max_instances = 1 }
  "bot-replier"               = { memory = "1Gi", cpu = "1", concurrency = 20, min_instances = 0, max_instances = 100 }
  "media-ingester"            = { memory = "1Gi", cpu = "1", concurrency = 4, min_instances = 0, max_instances = 100 }
  "kpi-counter-messages"      = { memory = "512Mi", cpu = "1", concurrency = 10, min_instances = 0, max_instances = 100 }
  "kpi-counter-conversations" = { memory = "512Mi", cpu = "1", concurrency = 10, min_instances = 0, max_instances = 100 }
  "kpi-counter-escalations"   = { memory = "512Mi", cpu = "1", concurrency = 10, min_instances = 0, max_instances = 100 }
  "kpi-counter-ratings"       = { memory = "512Mi", cpu = "1", concurrency = 10, min_instances = 0, max_instances = 100 }
  "kpi-rollup"                = { memory = "512Mi", cpu = "1", concurrency = 1, min_instances = 0, max_instances = 1 }
  "firestore-backup"          = { memory = "1Gi", cpu = "1", concurrency = 1, min_instances = 0, max_instances = 1 }
  "rating-survey"             = { memory = "512Mi", cpu = "1", concurrency = 20, min_instances = 0, max_instances = 100 }
}

realtime = { cpu = "2", memory = "2Gi", min_instances = 2, max_instances = 20, concurrency = 1000 }

deletion_protection = true
log_retention_days  = 90

notification = {
  slack_channel = "#ops-alerts"
  sms_number    = "+10000000000" # the on-call phone
}

runbook_base_url = "https://github.com/utalk/utalk-backend/blob/main/runbooks"
