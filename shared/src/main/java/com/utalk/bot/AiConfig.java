package com.utalk.bot;

import java.util.List;

/**
 * A workspace's bot settings, as {@code GET/PUT /api/ai/config} shows them: whether the bot
 * answers, whether failures escalate on their own, the model and its instructions, the phrases with
 * which a customer asks for a human, and the message sent when the model cannot answer. {@code
 * escalateAfterFailures} is how many failed runs in a row escalate (with autoEscalate); {@code
 * contextMessages} how many recent messages the model sees.
 */
public record AiConfig(
    boolean enabled,
    boolean autoEscalate,
    String model,
    String systemPrompt,
    List<String> escalationPhrases,
    String fallbackMessage,
    int escalateAfterFailures,
    int contextMessages) {
  public AiConfig {
    escalationPhrases = escalationPhrases == null ? List.of() : List.copyOf(escalationPhrases);
  }
}
