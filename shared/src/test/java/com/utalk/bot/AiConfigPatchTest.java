package com.utalk.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.utalk.errors.ValidationException;
import com.utalk.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What {@code PUT /api/ai/config} accepts: the fields given change, the others keep their value,
 * and every wrong value is a 400 naming its field — never a silent default.
 */
class AiConfigPatchTest {
  private static final AiConfig CURRENT =
      new AiConfig(
          true,
          true,
          "gpt-4o-mini",
          "You are UTalk's assistant.",
          List.of("agente"),
          "Un momento",
          3,
          10);

  private static JsonNode json(String text) {
    return Json.read(text.getBytes(StandardCharsets.UTF_8));
  }

  private static ValidationException refused(String body) {
    ValidationException e =
        assertThrows(ValidationException.class, () -> AiConfigPatch.parse(json(body)));
    assertEquals(400, e.status(), body);
    return e;
  }

  @Test
  void theRunbooksEmergencyPatchChangesOnlyWhatItNames() {
    AiConfig after =
        AiConfigPatch.parse(json("{\"enabled\": false, \"autoEscalate\": true}")).applyTo(CURRENT);
    assertEquals(
        new AiConfig(
            false,
            true,
            "gpt-4o-mini",
            "You are UTalk's assistant.",
            List.of("agente"),
            "Un momento",
            3,
            10),
        after);
  }

  @Test
  void everyFieldCanBeChangedAndIsStoredAsTheFunctionsReadIt() {
    AiConfigPatch patch =
        AiConfigPatch.parse(
            json(
                """
                {"enabled": true, "autoEscalate": false, "model": "gpt-4.1:2025-04/mini",
                 "systemPrompt": "Answer briefly.", "escalationPhrases": ["  humano ", "asesor"],
                 "fallbackMessage": "Te comunico con un agente", "escalateAfterFailures": 20,
                 "contextMessages": 1}
                """));
    assertEquals(
        new AiConfig(
            true,
            false,
            "gpt-4.1:2025-04/mini",
            "Answer briefly.",
            List.of("humano", "asesor"),
            "Te comunico con un agente",
            20,
            1),
        patch.applyTo(CURRENT));
    Map<String, Object> stored = patch.mergeInto(Map.of("model", "old", "kept", "yes"));
    assertEquals("gpt-4.1:2025-04/mini", stored.get("model"));
    assertEquals("yes", stored.get("kept"), "overrides the patch does not name stay");
    // Firestore gives whole numbers back as longs: stored the same way, they compare equal
    assertEquals(20L, stored.get("escalateAfterFailures"));
    assertEquals(1L, stored.get("contextMessages"));
    assertEquals(false, stored.get("autoEscalate"));
  }

  @Test
  void aPatchWithoutAFieldKeepsTheStoredOverride() {
    Map<String, Object> stored =
        AiConfigPatch.parse(json("{\"contextMessages\": 5}"))
            .mergeInto(Map.of("escalateAfterFailures", 7L, "enabled", false));
    assertEquals(
        Map.of("escalateAfterFailures", 7L, "enabled", false, "contextMessages", 5L), stored);
  }

  @Test
  void aBodyThatIsNotAnObjectOrIsEmptyIsRefused() {
    assertEquals("expected a JSON object", refused("[]").getMessage());
    assertEquals("expected a JSON object", refused("\"enabled\"").getMessage());
    assertThrows(ValidationException.class, () -> AiConfigPatch.parse(null));
    assertEquals("nothing to change", refused("{}").getMessage());
  }

  @Test
  void aTypoIsRefusedNamingTheField() {
    ValidationException typo = refused("{\"enable\": false}");
    assertEquals("enable", typo.field());
    assertTrue(typo.getMessage().startsWith("unknown field enable; allowed: "), typo.getMessage());
  }

  @Test
  void switchesMustBeBooleansNotTheirSpelling() {
    assertEquals("enabled", refused("{\"enabled\": \"false\"}").field());
    assertEquals("autoEscalate", refused("{\"autoEscalate\": 0}").field());
  }

  @Test
  void textsAreStringsWithinTheirLimits() {
    assertEquals("model must be a string", refused("{\"model\": 4}").getMessage());
    assertEquals(
        "model is not a valid model name", refused("{\"model\": \"gpt 4; rm\"}").getMessage());
    assertEquals(
        "model is longer than 100 characters",
        refused("{\"model\": \"" + "m".repeat(101) + "\"}").getMessage());
    assertEquals(
        "systemPrompt must not be empty", refused("{\"systemPrompt\": \"   \"}").getMessage());
    assertEquals(
        "systemPrompt is longer than 8000 characters",
        refused("{\"systemPrompt\": \"" + "p".repeat(8001) + "\"}").getMessage());
    assertEquals(
        "fallbackMessage is longer than 4096 characters",
        refused("{\"fallbackMessage\": \"" + "f".repeat(4097) + "\"}").getMessage());
    // the limits themselves are allowed
    assertEquals(
        8000,
        AiConfigPatch.parse(json("{\"systemPrompt\": \"" + "p".repeat(8000) + "\"}"))
            .systemPrompt()
            .length());
  }

  @Test
  void countsAreWholeNumbersInTheirRange() {
    for (String wrong : List.of("0", "21", "2.5", "\"3\"", "null")) {
      ValidationException e = refused("{\"escalateAfterFailures\": " + wrong + "}");
      assertEquals("escalateAfterFailures must be a whole number from 1 to 20", e.getMessage());
    }
    assertEquals(
        "contextMessages must be a whole number from 1 to 50",
        refused("{\"contextMessages\": 51}").getMessage());
  }

  @Test
  void escalationPhrasesAreAShortListOfShortNonBlankStrings() {
    String tooMany = "[" + String.join(",", java.util.Collections.nCopies(51, "\"agente\"")) + "]";
    for (String wrong : List.of("\"agente\"", tooMany)) {
      assertEquals(
          "escalationPhrases must be a list of at most 50 strings",
          refused("{\"escalationPhrases\": " + wrong + "}").getMessage());
    }
    for (String wrong : List.of("[\"\"]", "[\" \"]", "[7]", "[\"" + "x".repeat(61) + "\"]")) {
      assertEquals(
          "each phrase must be 1 to 60 characters",
          refused("{\"escalationPhrases\": " + wrong + "}").getMessage());
    }
    assertEquals(
        List.of(),
        AiConfigPatch.parse(json("{\"escalationPhrases\": []}"))
            .applyTo(CURRENT)
            .escalationPhrases(),
        "an empty list turns phrase escalation off");
  }
}
