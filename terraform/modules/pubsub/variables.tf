variable "project_id" {
  type = string
}

variable "project_number" {
  type = string
}

variable "topics" {
  description = "The topics of Topics.java."
  type        = list(string)
}

variable "infrastructure_topics" {
  description = "Topics only the infrastructure publishes to."
  type        = list(string)
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
