variable "project_id" {
  type = string
}

variable "secret_settings" {
  description = "Environment variable -> secret id, for the secrets the functions read as variables."
  type        = map(string)
}

variable "jwt_secret_id" {
  type = string
}

variable "jwt_rotation_days" {
  description = "JWT_ROTATION_DAYS: the code's grace period and this rotation period agree."
  type        = number
}

variable "functions" {
  type = any
}

variable "function_accounts" {
  type = map(string)
}

variable "realtime_account" {
  type = string
}

variable "rotation_topic" {
  description = "Topic id of secret-rotations."
  type        = string
}

variable "reminder_topic" {
  description = "Topic id of secret-rotation-reminders."
  type        = string
}

variable "secretmanager_agent" {
  description = "The project's Secret Manager service agent."
  type        = string
}
