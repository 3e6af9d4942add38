package com.utalk.bot;

import com.utalk.config.Settings;
import java.time.Duration;
import java.util.Optional;

/**
 * How to reach the model. The API key comes from Secret Manager, bound to the function as the
 * {@code OPENAI_API_KEY} environment variable (like TWILIO_AUTH_TOKEN); without a key the bot uses
 * the offline responder. {@code OPENAI_BASE_URL} points the SDK at any OpenAI-compatible endpoint
 * (the local stand-in in tests). The timeout covers one attempt; the bot makes two.
 */
public record OpenAiSettings(Optional<String> apiKey, String baseUrl, Duration timeout) {
  public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";

  public static OpenAiSettings from(Settings settings) {
    return new OpenAiSettings(
        settings.find("OPENAI_API_KEY"),
        settings.get("OPENAI_BASE_URL", DEFAULT_BASE_URL),
        Duration.ofMillis(settings.getLong("OPENAI_TIMEOUT_MS", 8000)));
  }

  @Override
  public String toString() {
    return "OpenAiSettings[apiKey="
        + (apiKey.isPresent() ? "***" : "none")
        + ", baseUrl="
        + baseUrl
        + ", timeout="
        + timeout
        + "]";
  }
}
