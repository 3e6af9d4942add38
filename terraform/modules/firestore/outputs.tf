output "database" {
  value = local.database
}
