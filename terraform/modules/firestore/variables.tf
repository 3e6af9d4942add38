variable "project_id" {
  type = string
}

variable "location" {
  type = string
}

variable "serving_database" {
  description = "The database the code uses: \"(default)\" (created here) or one a disaster-recovery restore created outside Terraform."
  type        = string
  default     = "(default)"
}

variable "deletion_protection" {
  type = bool
}
