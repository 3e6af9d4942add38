output "jwt_secret_name" {
  description = "JWT_SECRET_NAME: projects/<p>/secrets/<id>."
  value       = google_secret_manager_secret.jwt.id
}

output "secret_ids" {
  description = "Secret id -> secret id (a dependency edge for the functions)."
  value       = { for id, secret in google_secret_manager_secret.manual : id => secret.secret_id }
}
