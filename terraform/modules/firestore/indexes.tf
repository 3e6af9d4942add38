# Composite indexes of the queries the code makes (collection: equality fields, then the order);
# docs/api.md lists the same. Equality-only queries (ForcePauseBotService) need none: Firestore
# merges single-field indexes for them.
locals {
  indexes = {
    # ConversationQueries.list: workspace (+ status / botEnabled / assignee) by lastMessageAt desc.
    conversations_workspace_recent = { collection = "conversations", fields = [["workspaceId", "ASCENDING"], ["lastMessageAt", "DESCENDING"]] }
    conversations_status_recent    = { collection = "conversations", fields = [["workspaceId", "ASCENDING"], ["status", "ASCENDING"], ["lastMessageAt", "DESCENDING"]] }
    conversations_bot_recent       = { collection = "conversations", fields = [["workspaceId", "ASCENDING"], ["botEnabled", "ASCENDING"], ["lastMessageAt", "DESCENDING"]] }
    conversations_assignee_recent  = { collection = "conversations", fields = [["workspaceId", "ASCENDING"], ["assignedAgentId", "ASCENDING"], ["lastMessageAt", "DESCENDING"]] }
    # ConversationQueries.messages and ConversationHistory: a conversation's messages by seq.
    messages_conversation_seq = { collection = "messages", fields = [["conversationId", "ASCENDING"], ["seq", "DESCENDING"]] }
    # UserRepository.list: a workspace's users by email.
    users_workspace_email = { collection = "users", fields = [["workspaceId", "ASCENDING"], ["email", "ASCENDING"]] }
    # AuditLog.list: a workspace's entries, newest first.
    audit_workspace_recent = { collection = "auditLogs", fields = [["workspaceId", "ASCENDING"], ["at", "DESCENDING"]] }
    # MediaUrlService.list: stored media of a workspace (and conversation) by createdAt.
    media_workspace_created    = { collection = "media", fields = [["workspaceId", "ASCENDING"], ["status", "ASCENDING"], ["createdAt", "ASCENDING"]] }
    media_conversation_created = { collection = "media", fields = [["workspaceId", "ASCENDING"], ["status", "ASCENDING"], ["conversationId", "ASCENDING"], ["createdAt", "ASCENDING"]] }
  }
}

resource "google_firestore_index" "composite" {
  for_each    = local.indexes
  project     = var.project_id
  database    = local.database
  collection  = each.value.collection
  query_scope = "COLLECTION"
  dynamic "fields" {
    for_each = each.value.fields
    content {
      field_path = fields.value[0]
      order      = fields.value[1]
    }
  }
}

# The realtime runbook reads every conversation's events (conversations/{id}/events) as one
# collection group: the events not yet published, and the newest one. Firestore keeps single-field
# indexes in collection scope only unless told; these add collection-group scope and keep the
# collection-scope defaults (an index_config replaces them all).
resource "google_firestore_field" "events_group" {
  for_each   = toset(["published", "occurredAt"])
  project    = var.project_id
  database   = local.database
  collection = "events"
  field      = each.key
  index_config {
    indexes {
      order       = "ASCENDING"
      query_scope = "COLLECTION"
    }
    indexes {
      order       = "DESCENDING"
      query_scope = "COLLECTION"
    }
    indexes {
      order       = "ASCENDING"
      query_scope = "COLLECTION_GROUP"
    }
    indexes {
      order       = "DESCENDING"
      query_scope = "COLLECTION_GROUP"
    }
  }
}
