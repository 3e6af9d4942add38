variable "project_id" {
  type = string
}

variable "region" {
  type = string
}

variable "app_version" {
  description = "Tag of the realtime-service image."
  type        = string
}

variable "sizing" {
  type = object({
    cpu           = string
    memory        = string
    min_instances = number
    max_instances = number
    concurrency   = number
  })
}

variable "settings" {
  description = "Environment variables shared with the functions."
  type        = map(string)
}

variable "service_account" {
  type = string
}

variable "deletion_protect" {
  type = bool
}
