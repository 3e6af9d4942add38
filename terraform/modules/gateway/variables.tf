variable "project_id" {
  type = string
}

variable "region" {
  type = string
}

variable "domain" {
  description = "The public host name (PUBLIC_BASE_URL is https://<domain>); its DNS A record points at the gateway address."
  type        = string
}

variable "functions" {
  description = "The function catalog: its HTTP paths become the path rules."
  type        = any
}

variable "function_services" {
  description = "Function name -> the Cloud Run service it runs as."
  type        = map(string)
}

variable "realtime_service" {
  description = "Name of the realtime Cloud Run service."
  type        = string
}
