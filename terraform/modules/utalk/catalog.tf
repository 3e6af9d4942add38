# What the code deploys, as Terraform sees it. The offline checks (terraform/checks) compare this
# file with shared/.../platform/FunctionCatalog.java, Topics.java and the settings the code reads,
# both ways: a function, topic or setting on one side only fails the build and is named.
locals {
  # One entry per FunctionCatalog function. trigger.type is http | pubsub | firestore.
  #   secrets:   environment variables filled from Secret Manager (keys of local.secret_settings)
  #   publishes: topics the function publishes to (topic-level publisher grant)
  #   roles:     project roles beyond logging/metrics/trace writer, which every function gets
  functions = {
    "whatsapp-inbound-webhook" = {
      entry_point = "com.utalk.functions.messaging.WhatsAppInboundWebhook"
      trigger     = { type = "http", path = "/webhooks/twilio/whatsapp", prefix = false }
      secrets     = ["TWILIO_AUTH_TOKEN"]
      publishes   = ["conversation-events"]
      roles       = ["roles/datastore.user"]
    }
    "twilio-status-callback" = {
      entry_point = "com.utalk.functions.messaging.TwilioStatusCallback"
      trigger     = { type = "http", path = "/webhooks/twilio/status", prefix = false }
      secrets     = ["TWILIO_AUTH_TOKEN"]
      publishes   = ["conversation-events"]
      roles       = ["roles/datastore.user"]
    }
    "outbound-message-sender" = {
      entry_point = "com.utalk.functions.messaging.OutboundMessageSender"
      trigger     = { type = "pubsub", topic = "outbound-messages" }
      secrets     = ["TWILIO_AUTH_TOKEN", "MEDIA_URL_SIGNING_KEY"]
      publishes   = ["conversation-events"]
      roles       = ["roles/datastore.user"]
    }
    "api" = {
      entry_point = "com.utalk.functions.api.ApiFunction"
      trigger     = { type = "http", path = "/api", prefix = true }
      secrets     = ["MEDIA_URL_SIGNING_KEY"]
      publishes   = ["conversation-events", "outbound-messages"]
      # /api/slo reads Cloud Monitoring; /api/admin/jwt/rotate adds JWT key versions.
      roles = ["roles/datastore.user", "roles/monitoring.viewer"]
    }
    "api-health" = {
      entry_point = "com.utalk.functions.api.ApiFunction"
      trigger     = { type = "http", path = "/health", prefix = true }
      secrets     = []
      publishes   = []
      roles       = ["roles/datastore.viewer"]
    }
    "jwt-secret-rotation" = {
      entry_point = "com.utalk.functions.auth.JwtSecretRotationFunction"
      trigger     = { type = "pubsub", topic = "secret-rotations" }
      secrets     = []
      publishes   = []
      roles       = ["roles/datastore.user"]
    }
    "bot-replier" = {
      entry_point = "com.utalk.functions.bot.BotReplier"
      trigger     = { type = "pubsub", topic = "conversation-events" }
      secrets     = ["OPENAI_API_KEY"]
      publishes   = ["conversation-events", "outbound-messages"]
      roles       = ["roles/datastore.user"]
    }
    "media-ingester" = {
      entry_point = "com.utalk.functions.media.MediaIngester"
      trigger     = { type = "pubsub", topic = "conversation-events" }
      secrets     = ["TWILIO_AUTH_TOKEN", "MEDIA_URL_SIGNING_KEY"]
      publishes   = ["conversation-events"]
      roles       = ["roles/datastore.user"]
    }
    "kpi-counter-messages" = {
      entry_point = "com.utalk.functions.kpi.KpiCounterFunction"
      trigger     = { type = "firestore", event_type = "google.cloud.firestore.document.v1.written", document = "messages/{messageId}" }
      secrets     = []
      publishes   = []
      roles       = ["roles/datastore.user"]
    }
    "kpi-counter-conversations" = {
      entry_point = "com.utalk.functions.kpi.KpiCounterFunction"
      trigger     = { type = "firestore", event_type = "google.cloud.firestore.document.v1.written", document = "conversations/{conversationId}" }
      secrets     = []
      publishes   = []
      roles       = ["roles/datastore.user"]
    }
    "kpi-counter-escalations" = {
      entry_point = "com.utalk.functions.kpi.KpiCounterFunction"
      trigger     = { type = "firestore", event_type = "google.cloud.firestore.document.v1.written", document = "escalations/{escalationId}" }
      secrets     = []
      publishes   = []
      roles       = ["roles/datastore.user"]
    }
    "kpi-counter-ratings" = {
      entry_point = "com.utalk.functions.kpi.KpiCounterFunction"
      trigger     = { type = "firestore", event_type = "google.cloud.firestore.document.v1.written", document = "ratings/{ratingId}" }
      secrets     = []
      publishes   = []
      roles       = ["roles/datastore.user"]
    }
    "kpi-rollup" = {
      entry_point = "com.utalk.functions.kpi.KpiRollupFunction"
      trigger     = { type = "pubsub", topic = "kpi-rollup" }
      secrets     = []
      publishes   = []
      roles       = ["roles/datastore.user"]
    }
    "firestore-backup" = {
      entry_point = "com.utalk.functions.backup.FirestoreBackupFunction"
      trigger     = { type = "pubsub", topic = "backups" }
      secrets     = []
      publishes   = []
      # Reads every backed-up collection at one read time and writes backups/{id} and its lease.
      roles = ["roles/datastore.user"]
    }
    "rating-survey" = {
      entry_point = "com.utalk.functions.kpi.RatingSurveyFunction"
      trigger     = { type = "firestore", event_type = "google.cloud.firestore.document.v1.updated", document = "conversations/{conversationId}" }
      secrets     = []
      publishes   = ["conversation-events", "outbound-messages"]
      roles       = ["roles/datastore.user"]
    }
  }

  # Every topic of Topics.java.
  topics = ["conversation-events", "outbound-messages", "secret-rotations", "kpi-rollup", "backups"]

  # Topics only the infrastructure uses (no code publishes to them), with the reason.
  infrastructure_topics = {
    # Secret Manager reminds about the manual 180-day rotation of the API keys here; an alert
    # policy turns each reminder into a ticket.
    "secret-rotation-reminders" = "manual rotation reminders of the Twilio token, the OpenAI key and the media signing key"
  }

  # Environment variables filled from Secret Manager: variable -> secret id. MEDIA_URL_SIGNING_KEY
  # is read by the local media store only (the cloud's GCS store signs URLs as the function's
  # service account); it is mounted on the media functions so a store switch needs no new grant.
  secret_settings = {
    TWILIO_AUTH_TOKEN     = "twilio-auth-token"
    OPENAI_API_KEY        = "openai-api-key"
    MEDIA_URL_SIGNING_KEY = "media-url-signing-key"
  }
  # The JWT signing keys are a secret whose versions the code lists, reads and adds itself
  # (JWT_SECRET_NAME names it); who may do what is in the secrets module.
  jwt_secret_id = "jwt-signing-key"

  # Settings the code reads with a default of its own: an environment's `settings` sets them only
  # to override that default (terraform.tfvars). Anything else in `settings` is refused.
  tunable_settings = [
    "LOG_LEVEL", "ACCESS_TOKEN_TTL_SECONDS", "REFRESH_TOKEN_TTL_DAYS", "JWT_ROTATION_DAYS", "JWT_GRACE_DAYS",
    "JWT_KEY_CACHE_SECONDS", "LOGIN_MAX_FAILURES_PER_EMAIL", "LOGIN_MAX_FAILURES_PER_IP",
    "LOGIN_FAILURE_WINDOW_MINUTES", "TRUSTED_PROXY_HOPS", "TWILIO_SEND_MAX_ATTEMPTS", "TWILIO_SEND_BACKOFF_MS",
    "OPENAI_BASE_URL", "OPENAI_TIMEOUT_MS", "BOT_ENABLED", "BOT_AUTO_ESCALATE", "BOT_MODEL", "BOT_SYSTEM_PROMPT",
    "BOT_FALLBACK_MESSAGE", "BOT_ESCALATION_PHRASES", "BOT_ESCALATE_AFTER_FAILURES", "BOT_CONTEXT_MESSAGES",
    "MEDIA_MAX_BYTES", "METRICS_EXPORT_INTERVAL_SECONDS", "KPI_COUNTER_SHARDS", "KPI_ROLLUP_OVERLAP_SECONDS",
    "RATING_SURVEY_TTL_HOURS", "SLO_SOURCE", "REALTIME_DRAIN_SECONDS", "REALTIME_ALLOWED_ORIGINS",
    "REALTIME_WORK_THREADS", "REALTIME_PUBSUB_PULL", "REALTIME_SOCKET_EVENTS_PER_SECOND", "REALTIME_SOCKET_EVENT_BURST",
    "BACKUP_PAGE_SIZE", "BACKUP_RETENTION_DAYS", "FLAGS_REFRESH_SECONDS",
  ]

  # Environment variables for the runtime rather than the code, and why.
  runtime_settings = {
    JAVA_TOOL_OPTIONS = "the realtime service's JVM flags, as its benchmark measured them"
  }

  # Settings the code reads that Terraform never sets, and why.
  not_deployed_settings = {
    FIRESTORE_EMULATOR_HOST     = "emulators only"
    PUBSUB_EMULATOR_HOST        = "emulators only"
    SECRET_MANAGER_ENDPOINT     = "the local Secret Manager stand-in only"
    TWILIO_API_BASE_URL         = "the local Twilio stand-in only"
    MEDIA_EXTRA_ALLOWED_ORIGINS = "the local Twilio stand-in only; never in production"
    MEDIA_LOCAL_DIR             = "the local media store only (the cloud uses gcs)"
    MEDIA_PUBLIC_BASE_URL       = "the local media store only"
    BACKUP_LOCAL_DIR            = "the local backup store only (the cloud uses gcs)"
    METRICS_PORT                = "local /metrics per function; the cloud exports to Cloud Monitoring"
    JWT_SECRET                  = "local fallback; the cloud names the Secret Manager secret in JWT_SECRET_NAME"
    GCP_PROJECT                 = "older name of GOOGLE_CLOUD_PROJECT, which is set"
    K_SERVICE                   = "set by Cloud Functions / Cloud Run"
    K_REVISION                  = "set by Cloud Functions / Cloud Run"
    PORT                        = "set by Cloud Run"
    REALTIME_INSTANCE_ID        = "defaults to the revision plus a random suffix, unique per instance"
    FUNCTION_HOST_SHARED_JVM    = "the local function host only (several functions in one JVM)"
    RELEASE_FAULT               = "local release rehearsals only (a faulty release's manifest); refused outside development"
  }
}
