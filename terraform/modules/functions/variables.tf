variable "project_id" {
  type = string
}

variable "region" {
  type = string
}

variable "firestore_location" {
  description = "Firestore triggers are regional to the database's location."
  type        = string
}

variable "firestore_database" {
  description = "The database whose document events trigger the Firestore functions."
  type        = string
}

variable "app_version" {
  type = string
}

variable "functions" {
  description = "The function catalog (modules/utalk/catalog.tf)."
  type        = any
}

variable "sizing" {
  description = "Function name -> memory, cpu, concurrency, min and max instances."
  type = map(object({
    memory        = string
    cpu           = string
    concurrency   = number
    min_instances = number
    max_instances = number
  }))
  validation {
    condition     = alltrue([for s in values(var.sizing) : s.min_instances <= s.max_instances])
    error_message = "min_instances must not exceed max_instances."
  }
}

variable "settings" {
  description = "Environment variables every function gets."
  type        = map(string)
}

variable "public_base_url" {
  type = string
}

variable "secret_ids" {
  type = map(string)
}

variable "secret_settings" {
  type = map(string)
}

variable "function_accounts" {
  type = map(string)
}

variable "trigger_account" {
  type = string
}

variable "source_bucket" {
  type = string
}
