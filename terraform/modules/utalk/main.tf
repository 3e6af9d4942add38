# The whole platform of one environment; each environment's main.tf calls this module once.

data "google_project" "this" {
  project_id = var.project_id
}

module "platform" {
  source     = "../platform"
  project_id = var.project_id
  functions  = local.functions
}

module "storage" {
  source              = "../storage"
  project_id          = var.project_id
  project_number      = data.google_project.this.number
  region              = var.region
  deletion_protection = var.deletion_protection
  function_accounts   = module.platform.function_accounts
  realtime_account    = module.platform.realtime_account
  media_writers       = ["whatsapp-inbound-webhook", "outbound-message-sender", "api", "media-ingester"]
  backup_writers      = ["firestore-backup"]
  # The admin restore route (api) reads a backup's files.
  backup_readers = ["api"]
  # Resources wait for the project services the platform module enables.
  depends_on = [module.platform]
}

module "pubsub" {
  source                = "../pubsub"
  project_id            = var.project_id
  topics                = local.topics
  infrastructure_topics = keys(local.infrastructure_topics)
  functions             = local.functions
  function_accounts     = module.platform.function_accounts
  realtime_account      = module.platform.realtime_account
  project_number        = data.google_project.this.number
  # Resources wait for the project services the platform module enables.
  depends_on = [module.platform]
}

module "secrets" {
  source              = "../secrets"
  project_id          = var.project_id
  secret_settings     = local.secret_settings
  jwt_secret_id       = local.jwt_secret_id
  functions           = local.functions
  function_accounts   = module.platform.function_accounts
  realtime_account    = module.platform.realtime_account
  jwt_rotation_days   = tonumber(lookup(var.settings, "JWT_ROTATION_DAYS", "90"))
  rotation_topic      = module.pubsub.topic_ids["secret-rotations"]
  reminder_topic      = module.pubsub.topic_ids["secret-rotation-reminders"]
  secretmanager_agent = "service-${data.google_project.this.number}@gcp-sa-secretmanager.iam.gserviceaccount.com"
  depends_on          = [module.platform, module.pubsub]
}

module "firestore" {
  source              = "../firestore"
  project_id          = var.project_id
  location            = var.firestore_location
  serving_database    = var.firestore_database
  deletion_protection = var.deletion_protection
  # Resources wait for the project services the platform module enables.
  depends_on = [module.platform]
}

locals {
  # Set for every function and the realtime service; tunables only where an environment overrides.
  common_settings = merge(var.settings, {
    GOOGLE_CLOUD_PROJECT = var.project_id
    FIRESTORE_DATABASE   = module.firestore.database
    APP_ENV              = var.environment
    METRICS_EXPORTER     = "cloud-monitoring"
    MEDIA_STORE          = "gcs"
    MEDIA_BUCKET         = module.storage.media_bucket
    BACKUP_STORE         = "gcs"
    BACKUP_BUCKET        = module.storage.backups_bucket
    JWT_SECRET_NAME      = module.secrets.jwt_secret_name
    TWILIO_ACCOUNT_SID   = var.twilio_account_sid
  })
}

module "functions" {
  source             = "../functions"
  project_id         = var.project_id
  region             = var.region
  firestore_location = var.firestore_location
  firestore_database = module.firestore.database
  app_version        = var.app_version
  functions          = local.functions
  sizing             = var.function_sizing
  settings           = local.common_settings
  public_base_url    = "https://${var.domain}"
  secret_ids         = module.secrets.secret_ids
  secret_settings    = local.secret_settings
  function_accounts  = module.platform.function_accounts
  trigger_account    = module.platform.trigger_account
  source_bucket      = module.storage.source_bucket
  depends_on         = [module.platform, module.secrets, module.pubsub, module.firestore]
}

module "realtime" {
  source           = "../realtime"
  project_id       = var.project_id
  region           = var.region
  app_version      = var.app_version
  sizing           = var.realtime
  settings         = local.common_settings
  service_account  = module.platform.realtime_account
  deletion_protect = var.deletion_protection
  depends_on       = [module.platform, module.secrets, module.pubsub]
}

module "scheduler" {
  source     = "../scheduler"
  project_id = var.project_id
  region     = var.region
  topic_ids  = module.pubsub.topic_ids
  # Resources wait for the project services the platform module enables.
  depends_on = [module.platform]
}

module "monitoring" {
  source           = "../monitoring"
  project_id       = var.project_id
  environment      = var.environment
  notification     = var.notification
  credentials      = var.alert_credentials
  runbook_base_url = var.runbook_base_url
  health_host      = var.domain
  reminder_topic   = "secret-rotation-reminders"
  # Resources wait for the project services the platform module enables.
  depends_on = [module.platform]
}

module "logging" {
  source             = "../logging"
  project_id         = var.project_id
  region             = var.region
  log_retention_days = var.log_retention_days
  # Resources wait for the project services the platform module enables.
  depends_on = [module.platform]
}

module "gateway" {
  source            = "../gateway"
  project_id        = var.project_id
  region            = var.region
  domain            = var.domain
  functions         = local.functions
  function_services = module.functions.services
  realtime_service  = module.realtime.service_name
  depends_on        = [module.platform]
}
