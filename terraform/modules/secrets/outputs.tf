output "jwt_secret_name" {
  description = "JWT_SECRET_NAME: projects/<p>/secrets/<id>."
  value       = google_secret_manager_secret.secret[var.jwt_secret_id].id
}

output "secret_ids" {
  description = "Secret id -> secret id (a dependency edge for the functions)."
  value       = { for id, secret in google_secret_manager_secret.secret : id => secret.secret_id if id != var.jwt_secret_id }
}
