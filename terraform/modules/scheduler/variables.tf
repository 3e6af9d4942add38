variable "project_id" {
  type = string
}

variable "region" {
  type = string
}

variable "topic_ids" {
  description = "Topic name -> topic id."
  type        = map(string)
}
