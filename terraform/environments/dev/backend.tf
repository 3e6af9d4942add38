# State lives in a GCS bucket created once per environment (terraform/README.md, "Bootstrap").
terraform {
  backend "gcs" {
    bucket = "utalk-dev-tfstate"
    prefix = "utalk"
  }
}
