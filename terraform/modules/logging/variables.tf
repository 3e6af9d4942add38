variable "project_id" {
  type = string
}

variable "region" {
  type = string
}

variable "log_retention_days" {
  type = number
}
