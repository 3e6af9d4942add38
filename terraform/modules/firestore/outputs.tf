output "database" {
  value = google_firestore_database.default.name
}
