variable "project_id" {
  type = string
}

variable "project_number" {
  type = string
}

variable "region" {
  type = string
}

variable "deletion_protection" {
  description = "Keep objects on destroy and version media (production)."
  type        = bool
}

variable "function_accounts" {
  type = map(string)
}

variable "realtime_account" {
  type = string
}

variable "media_writers" {
  description = "Functions that store or sign media."
  type        = list(string)
}

variable "backup_writers" {
  description = "Functions that write backups (the backup function, once in the catalog)."
  type        = list(string)
}

variable "backup_readers" {
  description = "Functions that read backups (the admin restore route): object viewer on the backups bucket."
  type        = list(string)
}
