package com.utalk.bot;

import com.utalk.config.Settings;
import com.utalk.logging.Log;

/**
 * Picks the bot's responder: the OpenAI model when an API key is configured, else the offline one.
 */
public final class ChatModels {
  private static final Log LOG = Log.get(ChatModels.class);

  private ChatModels() {}

  public static ChatModel from(Settings settings) {
    OpenAiSettings openAi = OpenAiSettings.from(settings);
    if (openAi.apiKey().isEmpty()) {
      LOG.warn("OPENAI_API_KEY is not set: the bot answers with the offline FAQ responder");
      return new OfflineResponder();
    }
    LOG.info(
        "bot model configured",
        "baseUrl",
        openAi.baseUrl(),
        "timeoutMs",
        openAi.timeout().toMillis());
    return new OpenAiChatModel(openAi);
  }
}
