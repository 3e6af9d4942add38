output "function_accounts" {
  description = "Function name -> service account email."
  value       = { for name, account in google_service_account.function : name => account.email }
}

output "realtime_account" {
  value = google_service_account.realtime.email
}

output "trigger_account" {
  value = google_service_account.trigger.email
}
