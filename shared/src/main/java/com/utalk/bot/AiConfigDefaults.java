package com.utalk.bot;

import com.utalk.config.Settings;
import java.util.Arrays;
import java.util.List;

/**
 * The configuration a workspace has until an admin changes it, from the environment. Phrases are
 * Spanish and English: the customers write in both.
 */
public final class AiConfigDefaults {
  public static final String DEFAULT_MODEL = "gpt-4o-mini";
  public static final List<String> DEFAULT_PHRASES =
      List.of(
          "agente",
          "humano",
          "asesor",
          "operador",
          "hablar con una persona",
          "persona real",
          "human",
          "agent",
          "representative",
          "real person",
          "operator");
  static final String DEFAULT_SYSTEM_PROMPT =
      "Eres el asistente de atención al cliente de UTalk en WhatsApp. Responde breve y amable, en el idioma del "
          + "cliente. Si no puedes resolver la consulta, o el cliente quiere hablar con una persona, llama a la "
          + "herramienta escalate_to_human con el motivo. No inventes datos (precios, pedidos, plazos).";
  static final String DEFAULT_FALLBACK =
      "Lo sentimos, no podemos responder en este momento. Un agente te atenderá en breve.";

  private AiConfigDefaults() {}

  public static AiConfig from(Settings settings) {
    return new AiConfig(
        settings.getBoolean("BOT_ENABLED", true),
        settings.getBoolean("BOT_AUTO_ESCALATE", true),
        settings.get("BOT_MODEL", DEFAULT_MODEL),
        settings.get("BOT_SYSTEM_PROMPT", DEFAULT_SYSTEM_PROMPT),
        settings
            .find("BOT_ESCALATION_PHRASES")
            .map(
                value ->
                    Arrays.stream(value.split(","))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .toList())
            .orElse(DEFAULT_PHRASES),
        settings.get("BOT_FALLBACK_MESSAGE", DEFAULT_FALLBACK),
        settings.getInt("BOT_ESCALATE_AFTER_FAILURES", 1),
        settings.getInt("BOT_CONTEXT_MESSAGES", 10));
  }
}
