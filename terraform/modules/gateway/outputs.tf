output "address" {
  description = "The gateway's IP address: the domain's DNS A record."
  value       = google_compute_global_address.gateway.address
}

output "base_url" {
  value = "https://${var.domain}"
}
