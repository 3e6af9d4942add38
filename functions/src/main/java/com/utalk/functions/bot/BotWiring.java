package com.utalk.functions.bot;

import com.utalk.bot.AiConfigDefaults;
import com.utalk.bot.AiConfigService;
import com.utalk.bot.BotService;
import com.utalk.bot.ChatModel;
import com.utalk.bot.ChatModels;
import com.utalk.escalation.EscalationService;
import com.utalk.escalation.ForcePauseBotService;
import com.utalk.functions.wiring.Backend;
import com.utalk.messaging.OutboundMessageService;

/** Builds the bot's services from one instance's {@link Backend}. */
public final class BotWiring {
  private BotWiring() {}

  public static AiConfigService aiConfig(Backend backend) {
    return new AiConfigService(
        backend.firestore(), AiConfigDefaults.from(backend.settings()), backend.clock());
  }

  public static EscalationService escalations(Backend backend) {
    return new EscalationService(backend.firestore(), backend.outbox(), backend.clock());
  }

  public static ForcePauseBotService forcePause(Backend backend) {
    return new ForcePauseBotService(backend.firestore(), backend.outbox(), backend.clock());
  }

  public static BotService botService(Backend backend) {
    return botService(backend, ChatModels.from(backend.settings()));
  }

  public static BotService botService(Backend backend, ChatModel model) {
    OutboundMessageService outbound =
        new OutboundMessageService(
            backend.firestore(), backend.outbox(), backend.publisher(), backend.clock());
    return new BotService(
        backend.firestore(),
        aiConfig(backend),
        model,
        outbound,
        escalations(backend),
        backend.flags().client(),
        backend.clock());
  }
}
