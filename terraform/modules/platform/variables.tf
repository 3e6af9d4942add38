variable "project_id" {
  type = string
}

variable "functions" {
  description = "The function catalog (modules/utalk/catalog.tf)."
  type        = any
}
