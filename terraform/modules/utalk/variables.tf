variable "project_id" {
  description = "Google Cloud project of this environment."
  type        = string
}

variable "region" {
  description = "Region of the functions, the realtime service, Pub/Sub and the buckets."
  type        = string
}

variable "firestore_location" {
  description = "Firestore location (a multi-region such as nam5, or a region)."
  type        = string
}

variable "firestore_database" {
  description = "The Firestore database the functions and the realtime service use (FIRESTORE_DATABASE). \"(default)\", managed here; after a disaster-recovery restore into a new database, its name, so that indexes, TTL, backup schedules and triggers follow it."
  type        = string
  default     = "(default)"
}

variable "environment" {
  description = "APP_ENV of the code: development, staging or production."
  type        = string
  validation {
    condition     = contains(["development", "staging", "production"], var.environment)
    error_message = "environment must be development, staging or production."
  }
}

variable "app_version" {
  description = "The build version: names the function source zip and the realtime image tag."
  type        = string
}

variable "domain" {
  description = "The environment's public host name: the gateway's certificate, PUBLIC_BASE_URL = https://<domain>."
  type        = string
}

variable "twilio_account_sid" {
  description = "TWILIO_ACCOUNT_SID (not a secret)."
  type        = string
}

variable "settings" {
  description = "Overrides of the code's defaults (names from local.tunable_settings)."
  type        = map(string)
  default     = {}
  validation {
    condition     = alltrue([for name in keys(var.settings) : contains(local.tunable_settings, name)])
    error_message = "settings may only name settings listed in modules/utalk/catalog.tf tunable_settings."
  }
}

variable "function_sizing" {
  description = "Per function: memory, cpu, concurrency, min and max instances."
  type = map(object({
    memory        = string
    cpu           = string
    concurrency   = number
    min_instances = number
    max_instances = number
  }))
}

variable "realtime" {
  description = "Sizing of the realtime Cloud Run service."
  type = object({
    cpu           = string
    memory        = string
    min_instances = number
    max_instances = number
    concurrency   = number
  })
}

variable "deletion_protection" {
  description = "Protect the database and buckets from terraform destroy (on in production)."
  type        = bool
}

variable "log_retention_days" {
  description = "Retention of the default log bucket: development 7, staging 30, production 90."
  type        = number
}

variable "notification" {
  description = "Where alerts go: the Slack channel (#ops-alerts) and the on-call SMS number."
  type = object({
    slack_channel = string
    sms_number    = string
  })
}

variable "alert_credentials" {
  description = "Slack auth token and PagerDuty service key (TF_VAR_alert_credentials, never in a file)."
  type = object({
    slack_auth_token      = string
    pagerduty_service_key = string
  })
  sensitive = true
}

variable "runbook_base_url" {
  description = "Where the repository's runbooks/ folder is browsable (alert documentation links)."
  type        = string
}
