variable "project_id" {
  type = string
}

variable "location" {
  type = string
}

variable "deletion_protection" {
  type = bool
}
