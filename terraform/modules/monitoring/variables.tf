variable "project_id" {
  type = string
}

variable "environment" {
  type = string
}

variable "notification" {
  type = object({
    slack_channel = string
    sms_number    = string
  })
}

variable "credentials" {
  type = object({
    slack_auth_token      = string
    pagerduty_service_key = string
  })
  sensitive = true
}

variable "runbook_base_url" {
  type = string
}

variable "health_host" {
  description = "Host the uptime checks call (the api-health function, or the load balancer)."
  type        = string
}

variable "reminder_topic" {
  description = "Topic of the secrets' manual-rotation reminders."
  type        = string
}
