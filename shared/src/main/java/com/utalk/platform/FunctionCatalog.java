package com.utalk.platform;

import com.utalk.triggers.FirestoreEventTypes;
import java.util.List;

/**
 * The functions this codebase deploys. Adding a function means adding it here (and to Terraform).
 */
public final class FunctionCatalog {
  public static final List<FunctionSpec> FUNCTIONS =
      List.of(
          new FunctionSpec(
              "whatsapp-inbound-webhook",
              "com.utalk.functions.messaging.WhatsAppInboundWebhook",
              new FunctionTrigger.Http("/webhooks/twilio/whatsapp", false)),
          new FunctionSpec(
              "twilio-status-callback",
              "com.utalk.functions.messaging.TwilioStatusCallback",
              new FunctionTrigger.Http("/webhooks/twilio/status", false)),
          new FunctionSpec(
              "outbound-message-sender",
              "com.utalk.functions.messaging.OutboundMessageSender",
              new FunctionTrigger.PubSub(Topics.OUTBOUND_MESSAGES)),
          new FunctionSpec(
              "api", "com.utalk.functions.api.ApiFunction", new FunctionTrigger.Http("/api", true)),
          // The same code as `api`, for the health paths the runbooks and load balancer probe.
          new FunctionSpec(
              "api-health",
              "com.utalk.functions.api.ApiFunction",
              new FunctionTrigger.Http("/health", true)),
          new FunctionSpec(
              "jwt-secret-rotation",
              "com.utalk.functions.auth.JwtSecretRotationFunction",
              new FunctionTrigger.PubSub(Topics.SECRET_ROTATIONS)),
          new FunctionSpec(
              "bot-replier",
              "com.utalk.functions.bot.BotReplier",
              new FunctionTrigger.PubSub(Topics.CONVERSATION_EVENTS)),
          new FunctionSpec(
              "media-ingester",
              "com.utalk.functions.media.MediaIngester",
              new FunctionTrigger.PubSub(Topics.CONVERSATION_EVENTS)),
          // KPI hour counters: one deployment per raw collection, all of the same class.
          new FunctionSpec(
              "kpi-counter-messages",
              "com.utalk.functions.kpi.KpiCounterFunction",
              new FunctionTrigger.Firestore(FirestoreEventTypes.WRITTEN, "messages/{messageId}")),
          new FunctionSpec(
              "kpi-counter-conversations",
              "com.utalk.functions.kpi.KpiCounterFunction",
              new FunctionTrigger.Firestore(
                  FirestoreEventTypes.WRITTEN, "conversations/{conversationId}")),
          new FunctionSpec(
              "kpi-counter-escalations",
              "com.utalk.functions.kpi.KpiCounterFunction",
              new FunctionTrigger.Firestore(
                  FirestoreEventTypes.WRITTEN, "escalations/{escalationId}")),
          new FunctionSpec(
              "kpi-counter-ratings",
              "com.utalk.functions.kpi.KpiCounterFunction",
              new FunctionTrigger.Firestore(FirestoreEventTypes.WRITTEN, "ratings/{ratingId}")),
          new FunctionSpec(
              "kpi-rollup",
              "com.utalk.functions.kpi.KpiRollupFunction",
              new FunctionTrigger.PubSub(Topics.KPI_ROLLUP)),
          // After a conversation closes: the CSAT (and NPS) question; answers are recognised at
          // ingest.
          new FunctionSpec(
              "rating-survey",
              "com.utalk.functions.kpi.RatingSurveyFunction",
              new FunctionTrigger.Firestore(
                  FirestoreEventTypes.UPDATED, "conversations/{conversationId}")),
          // Daily Firestore backup to the backups bucket (verified, 30-day retention).
          new FunctionSpec(
              "firestore-backup",
              "com.utalk.functions.backup.FirestoreBackupFunction",
              new FunctionTrigger.PubSub(Topics.BACKUPS)));

  private FunctionCatalog() {}
}
