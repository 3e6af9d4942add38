package com.utalk.functions.bot;

import com.utalk.bot.Actor;
import com.utalk.escalation.ForcePauseBotService;

/**
 * {@code POST /api/conversations/force-pause-bot} (admins): turns the bot off on every escalated
 * conversation of the caller's workspace that still has it on; answers {@code {fixed,
 * conversationIds}}.
 */
public final class ForcePauseBotHandler {
  private final ForcePauseBotService service;

  public ForcePauseBotHandler(ForcePauseBotService service) {
    this.service = service;
  }

  public ForcePauseBotService.Result handle(Actor actor, String requestId) {
    return service.forcePause(actor.requireAdmin(), requestId);
  }
}
