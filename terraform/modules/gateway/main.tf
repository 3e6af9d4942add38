# The public entry: one global HTTPS load balancer on the environment's domain that routes the
# catalog's HTTP paths to their functions and Socket.IO to the realtime service. The code builds
# URLs from PUBLIC_BASE_URL (https://<domain>) and Twilio signs the URL it calls, so Twilio must
# call these paths on this domain, not the functions' own run.app URLs.

locals {
  http = { for name, fn in var.functions : name => fn if fn.trigger.type == "http" }
  # Socket.IO's default path, and the realtime service's own health report.
  realtime_paths = ["/socket.io", "/socket.io/*", "/health/socket"]
  backends = merge(
    { for name, service in var.function_services : name => service if contains(keys(local.http), name) },
    { "realtime-service" = var.realtime_service },
  )
}

resource "google_compute_global_address" "gateway" {
  project = var.project_id
  name    = "utalk-gateway"
}

resource "google_compute_managed_ssl_certificate" "gateway" {
  project = var.project_id
  name    = "utalk-gateway"
  managed {
    domains = [var.domain]
  }
}

# Cloud Functions (2nd gen) run as Cloud Run services: one serverless endpoint group each.
resource "google_compute_region_network_endpoint_group" "backend" {
  for_each              = local.backends
  project               = var.project_id
  region                = var.region
  name                  = "utalk-${each.key}"
  network_endpoint_type = "SERVERLESS"
  cloud_run {
    service = each.value
  }
}

resource "google_compute_backend_service" "backend" {
  for_each              = local.backends
  project               = var.project_id
  name                  = "utalk-${each.key}"
  load_balancing_scheme = "EXTERNAL_MANAGED"
  protocol              = "HTTPS"
  backend {
    group = google_compute_region_network_endpoint_group.backend[each.key].id
  }
  log_config {
    enable      = true
    sample_rate = 1
  }
}

resource "google_compute_url_map" "gateway" {
  project         = var.project_id
  name            = "utalk-gateway"
  default_service = google_compute_backend_service.backend["api"].id
  host_rule {
    hosts        = [var.domain]
    path_matcher = "utalk"
  }
  # Longest matching path wins: /health/socket reaches the realtime service, /health/* the API.
  path_matcher {
    name            = "utalk"
    default_service = google_compute_backend_service.backend["api"].id
    dynamic "path_rule" {
      for_each = local.http
      content {
        paths   = path_rule.value.trigger.prefix ? [path_rule.value.trigger.path, "${path_rule.value.trigger.path}/*"] : [path_rule.value.trigger.path]
        service = google_compute_backend_service.backend[path_rule.key].id
      }
    }
    path_rule {
      paths   = local.realtime_paths
      service = google_compute_backend_service.backend["realtime-service"].id
    }
  }
}

resource "google_compute_target_https_proxy" "gateway" {
  project          = var.project_id
  name             = "utalk-gateway"
  url_map          = google_compute_url_map.gateway.id
  ssl_certificates = [google_compute_managed_ssl_certificate.gateway.id]
}

resource "google_compute_global_forwarding_rule" "gateway" {
  project               = var.project_id
  name                  = "utalk-gateway"
  target                = google_compute_target_https_proxy.gateway.id
  ip_address            = google_compute_global_address.gateway.id
  port_range            = "443"
  load_balancing_scheme = "EXTERNAL_MANAGED"
}
