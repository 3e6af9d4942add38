# The inputs of one environment; values in terraform.tfvars (meanings in modules/utalk/variables.tf).

variable "project_id" {
  type = string
}

variable "region" {
  type = string
}

variable "firestore_location" {
  type = string
}

variable "environment" {
  type = string
}

variable "app_version" {
  description = "Set on the command line: terraform apply -var app_version=<version>."
  type        = string
}

variable "domain" {
  type = string
}

variable "twilio_account_sid" {
  type = string
}

variable "firestore_database" {
  description = "The Firestore database the code serves from; \"(default)\" unless a disaster-recovery restore created another (runbooks/dr-falla-base-de-datos.md)."
  type        = string
  default     = "(default)"
}

variable "settings" {
  type    = map(string)
  default = {}
}

variable "function_sizing" {
  type = map(object({
    memory        = string
    cpu           = string
    concurrency   = number
    min_instances = number
    max_instances = number
  }))
}

variable "realtime" {
  type = object({
    cpu           = string
    memory        = string
    min_instances = number
    max_instances = number
    concurrency   = number
  })
}

variable "deletion_protection" {
  type = bool
}

variable "log_retention_days" {
  type = number
}

variable "notification" {
  type = object({
    slack_channel = string
    sms_number    = string
  })
}

variable "alert_credentials" {
  description = "Export TF_VAR_alert_credentials='{slack_auth_token=\"...\", pagerduty_service_key=\"...\"}'."
  type = object({
    slack_auth_token      = string
    pagerduty_service_key = string
  })
  sensitive = true
}

variable "runbook_base_url" {
  type = string
}
