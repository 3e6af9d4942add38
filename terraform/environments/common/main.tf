terraform {
  required_version = "~> 1.11.0"
  required_providers {
    google = {
      source  = "hashicorp/google"
      version = "6.50.0"
    }
  }
}

provider "google" {
  project = var.project_id
  region  = var.region
}

module "utalk" {
  source              = "../../modules/utalk"
  project_id          = var.project_id
  region              = var.region
  firestore_location  = var.firestore_location
  firestore_database  = var.firestore_database
  environment         = var.environment
  app_version         = var.app_version
  domain              = var.domain
  twilio_account_sid  = var.twilio_account_sid
  settings            = var.settings
  function_sizing     = var.function_sizing
  realtime            = var.realtime
  deletion_protection = var.deletion_protection
  log_retention_days  = var.log_retention_days
  notification        = var.notification
  alert_credentials   = var.alert_credentials
  runbook_base_url    = var.runbook_base_url
}
