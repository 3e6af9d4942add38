package com.utalk.platform;

import java.util.List;

/** The functions this codebase deploys. Adding a function means adding it here (and to Terraform). */
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
              "bot-replier",
              "com.utalk.functions.bot.BotReplier",
              new FunctionTrigger.PubSub(Topics.CONVERSATION_EVENTS)),
          new FunctionSpec(
              "media-ingester",
              "com.utalk.functions.media.MediaIngester",
              new FunctionTrigger.PubSub(Topics.CONVERSATION_EVENTS)));

  private FunctionCatalog() {}
}
