# The Socket.IO service on Cloud Run: session affinity (Engine.IO polling must return to the same
# instance), CPU always allocated (heartbeats and Pub/Sub fan-out run between requests), a
# request timeout that fits a WebSocket session, probes on /health, and the JVM flags the
# service's benchmark was measured with (realtime-service/bench). Its traffic split belongs to the
# release tool, not to Terraform (the traffic block below).

locals {
  image = "${var.region}-docker.pkg.dev/${var.project_id}/utalk/realtime-service:${var.app_version}"
  env = merge(var.settings, {
    SERVICE_NAME      = "realtime-service"
    JAVA_TOOL_OPTIONS = "-XX:+UseSerialGC -Xms96m -Xmn64m -Xmx512m -Dio.netty.leakDetection.level=disabled"
  })
}

resource "google_artifact_registry_repository" "images" {
  project       = var.project_id
  location      = var.region
  repository_id = "utalk"
  format        = "DOCKER"
  description   = "UTalk container images, tagged by build version"
}

resource "google_cloud_run_v2_service" "realtime" {
  project             = var.project_id
  location            = var.region
  name                = "realtime-service"
  ingress             = "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER" # through the gateway only
  deletion_protection = var.deletion_protect

  template {
    service_account                  = var.service_account
    session_affinity                 = true
    timeout                          = "3600s" # the longest a WebSocket may stay on one request
    max_instance_request_concurrency = var.sizing.concurrency
    scaling {
      min_instance_count = var.sizing.min_instances
      max_instance_count = var.sizing.max_instances
    }
    containers {
      image = local.image
      ports {
        container_port = 8080
      }
      resources {
        limits = {
          cpu    = var.sizing.cpu
          memory = var.sizing.memory
        }
        cpu_idle          = false # CPU always allocated
        startup_cpu_boost = true
      }
      dynamic "env" {
        for_each = local.env
        content {
          name  = env.key
          value = env.value
        }
      }
      startup_probe {
        http_get {
          path = "/health"
        }
        period_seconds    = 2
        failure_threshold = 30
      }
      liveness_probe {
        http_get {
          path = "/health"
        }
        period_seconds    = 15
        failure_threshold = 3
      }
    }
  }

  # Created following the latest revision; after that the release tool owns the traffic
  # (runbooks/ops release during --canary, release rollback): a canary pins it on the serving
  # revision before apply creates the new one, and an apply must not move it back.
  traffic {
    type    = "TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST"
    percent = 100
  }

  lifecycle {
    ignore_changes = [traffic]
  }
}

# Agents' browsers connect (through the gateway) without Google credentials; the service checks their JWTs.
resource "google_cloud_run_v2_service_iam_member" "public" {
  project  = var.project_id
  location = var.region
  name     = google_cloud_run_v2_service.realtime.name
  role     = "roles/run.invoker"
  member   = "allUsers"
}
