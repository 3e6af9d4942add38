package com.utalk.bot;

import com.fasterxml.jackson.databind.JsonNode;
import com.utalk.errors.ValidationException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The fields a {@code PUT /api/ai/config} changes; absent fields keep their value (the runbook
 * sends only {@code {enabled, autoEscalate}}). Unknown fields are refused, so a typo in an
 * emergency fix fails loudly instead of silently doing nothing.
 */
public record AiConfigPatch(
    Boolean enabled,
    Boolean autoEscalate,
    String model,
    String systemPrompt,
    List<String> escalationPhrases,
    String fallbackMessage,
    Integer escalateAfterFailures,
    Integer contextMessages) {
  static final Set<String> FIELDS =
      Set.of(
          "enabled",
          "autoEscalate",
          "model",
          "systemPrompt",
          "escalationPhrases",
          "fallbackMessage",
          "escalateAfterFailures",
          "contextMessages");
  private static final Pattern MODEL = Pattern.compile("[A-Za-z0-9._:/-]{1,100}");
  static final int MAX_PROMPT_CHARS = 8000;
  static final int MAX_FALLBACK_CHARS = 4096;
  static final int MAX_PHRASES = 50;
  static final int MAX_PHRASE_CHARS = 60;

  public static AiConfigPatch parse(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw new ValidationException(null, "expected a JSON object");
    }
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw new ValidationException(name, "unknown field " + name + "; allowed: " + FIELDS);
      }
    }
    if (body.isEmpty()) {
      throw new ValidationException(null, "nothing to change");
    }
    return new AiConfigPatch(
        bool(body, "enabled"),
        bool(body, "autoEscalate"),
        text(body, "model", 100, MODEL),
        text(body, "systemPrompt", MAX_PROMPT_CHARS, null),
        phrases(body),
        text(body, "fallbackMessage", MAX_FALLBACK_CHARS, null),
        integer(body, "escalateAfterFailures", 1, 20),
        integer(body, "contextMessages", 1, 50));
  }

  /** The configuration after this patch. */
  public AiConfig applyTo(AiConfig c) {
    return new AiConfig(
        enabled != null ? enabled : c.enabled(),
        autoEscalate != null ? autoEscalate : c.autoEscalate(),
        model != null ? model : c.model(),
        systemPrompt != null ? systemPrompt : c.systemPrompt(),
        escalationPhrases != null ? escalationPhrases : c.escalationPhrases(),
        fallbackMessage != null ? fallbackMessage : c.fallbackMessage(),
        escalateAfterFailures != null ? escalateAfterFailures : c.escalateAfterFailures(),
        contextMessages != null ? contextMessages : c.contextMessages());
  }

  /** The stored overrides: the previous ones plus this patch's fields. */
  Map<String, Object> mergeInto(Map<String, Object> stored) {
    Map<String, Object> merged = new HashMap<>(stored);
    putIfSet(merged, "enabled", enabled);
    putIfSet(merged, "autoEscalate", autoEscalate);
    putIfSet(merged, "model", model);
    putIfSet(merged, "systemPrompt", systemPrompt);
    putIfSet(merged, "escalationPhrases", escalationPhrases);
    putIfSet(merged, "fallbackMessage", fallbackMessage);
    putIfSet(
        merged,
        "escalateAfterFailures",
        escalateAfterFailures == null ? null : escalateAfterFailures.longValue());
    putIfSet(
        merged, "contextMessages", contextMessages == null ? null : contextMessages.longValue());
    return merged;
  }

  private static void putIfSet(Map<String, Object> map, String key, Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }

  private static Boolean bool(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null) {
      return null;
    }
    if (!value.isBoolean()) {
      throw new ValidationException(field, field + " must be true or false");
    }
    return value.booleanValue();
  }

  private static String text(JsonNode body, String field, int maxChars, Pattern shape) {
    JsonNode value = body.get(field);
    if (value == null) {
      return null;
    }
    if (!value.isTextual()) {
      throw new ValidationException(field, field + " must be a string");
    }
    String text = value.textValue();
    if (text.length() > maxChars) {
      throw new ValidationException(field, field + " is longer than " + maxChars + " characters");
    }
    if (shape != null && !shape.matcher(text).matches()) {
      throw new ValidationException(field, field + " is not a valid model name");
    }
    if (field.equals("systemPrompt") && text.isBlank()) {
      throw new ValidationException(field, "systemPrompt must not be empty");
    }
    return text;
  }

  private static Integer integer(JsonNode body, String field, int min, int max) {
    JsonNode value = body.get(field);
    if (value == null) {
      return null;
    }
    if (!value.isInt() || value.intValue() < min || value.intValue() > max) {
      throw new ValidationException(
          field, field + " must be a whole number from " + min + " to " + max);
    }
    return value.intValue();
  }

  private static List<String> phrases(JsonNode body) {
    JsonNode value = body.get("escalationPhrases");
    if (value == null) {
      return null;
    }
    if (!value.isArray() || value.size() > MAX_PHRASES) {
      throw new ValidationException(
          "escalationPhrases",
          "escalationPhrases must be a list of at most " + MAX_PHRASES + " strings");
    }
    List<String> phrases = new ArrayList<>();
    for (JsonNode phrase : value) {
      if (!phrase.isTextual()
          || phrase.textValue().isBlank()
          || phrase.textValue().length() > MAX_PHRASE_CHARS) {
        throw new ValidationException(
            "escalationPhrases", "each phrase must be 1 to " + MAX_PHRASE_CHARS + " characters");
      }
      phrases.add(phrase.textValue().trim());
    }
    return List.copyOf(phrases);
  }
}
