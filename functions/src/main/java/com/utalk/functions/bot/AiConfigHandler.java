package com.utalk.functions.bot;

import com.fasterxml.jackson.databind.JsonNode;
import com.utalk.bot.Actor;
import com.utalk.bot.AiConfig;
import com.utalk.bot.AiConfigPatch;
import com.utalk.bot.AiConfigService;
import com.utalk.errors.ForbiddenException;

/**
 * {@code GET /api/ai/config} (admins and supervisors) and {@code PUT /api/ai/config} (admins,
 * audited): the caller's workspace's bot configuration {@code {enabled, autoEscalate, model,
 * systemPrompt, escalationPhrases, fallbackMessage, ...}}.
 */
public final class AiConfigHandler {
  private final AiConfigService configs;

  public AiConfigHandler(AiConfigService configs) {
    this.configs = configs;
  }

  public AiConfig get(Actor actor) {
    if (!actor.seesWholeWorkspace()) {
      throw new ForbiddenException(
          "admin_only", "only admins and supervisors may read the AI configuration");
    }
    return configs.get(actor.workspaceId());
  }

  public AiConfig put(Actor actor, JsonNode body, String requestId) {
    actor.requireAdmin();
    return configs.update(actor, AiConfigPatch.parse(body), requestId);
  }
}
