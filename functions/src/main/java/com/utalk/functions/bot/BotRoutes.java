package com.utalk.functions.bot;

import com.utalk.auth.Permission;
import com.utalk.bot.Actor;
import com.utalk.functions.api.Access;
import com.utalk.functions.api.ApiRequest;
import com.utalk.functions.api.Reply;
import com.utalk.functions.api.Route;
import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;

/**
 * The bot's admin endpoints on the API router (the runbook "Escalamiento no pausa bot"): the
 * workspace's AI configuration and force-pause-bot. Thin adapters over the bot handlers.
 */
public final class BotRoutes {
  private final Supplier<AiConfigHandler> config;
  private final Supplier<ForcePauseBotHandler> forcePause;

  public BotRoutes(Supplier<AiConfigHandler> config, Supplier<ForcePauseBotHandler> forcePause) {
    this.config = config;
    this.forcePause = forcePause;
  }

  public List<Route> routes() {
    return List.of(
        Route.get("/api/ai/config", Access.requires(Permission.AI_CONFIG_READ), this::getConfig),
        Route.put("/api/ai/config", Access.requires(Permission.AI_CONFIG_WRITE), this::putConfig),
        Route.post(
            "/api/conversations/force-pause-bot",
            Access.requires(Permission.BOT_FORCE_PAUSE),
            this::forcePause));
  }

  private Reply getConfig(ApiRequest request) {
    return Reply.ok(config.get().get(Actor.of(request.principal())));
  }

  private Reply putConfig(ApiRequest request) throws IOException {
    return Reply.ok(
        config
            .get()
            .put(Actor.of(request.principal()), request.json().node(), request.requestId()));
  }

  private Reply forcePause(ApiRequest request) {
    return Reply.ok(forcePause.get().handle(Actor.of(request.principal()), request.requestId()));
  }
}
