package com.utalk.functions.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.utalk.json.Json;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** What every fuzzed answer must be: never a 5xx, and a refusal in the one JSON error shape. */
final class Refusals {
  private Refusals() {}

  /** True when the request was refused (4xx); fails on a 5xx or a refusal in another shape. */
  static boolean check(HttpResponse<String> response, String input) {
    int status = response.statusCode();
    assertTrue(status < 500, "5xx for " + input + ": " + status + " " + response.body());
    if (status < 400) {
      return false;
    }
    JsonNode body;
    try {
      body = Json.read(response.body().getBytes(StandardCharsets.UTF_8));
    } catch (Json.MalformedJsonException e) {
      throw new AssertionError(
          "refusal is not JSON for " + input + ": " + status + " '" + response.body() + "'");
    }
    assertFalse(
        body.path("error").asText().isEmpty(),
        "no error code for " + input + ": " + response.body());
    assertFalse(
        body.path("message").asText().isEmpty(),
        "no message for " + input + ": " + response.body());
    assertTrue(
        body.path("requestId")
            .asText()
            .equals(response.headers().firstValue("X-Request-ID").orElse("")),
        "requestId of this request for " + input + ": " + response.body());
    return true;
  }

  /**
   * A JSON string literal in ASCII: every other character as a \\u escape, lone surrogates
   * included.
   */
  static String jsonString(String text) {
    StringBuilder json = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        json.append('\\').append(c);
      } else if (c < 0x20 || c > 0x7e) {
        json.append(String.format("\\u%04x", (int) c));
      } else {
        json.append(c);
      }
    }
    return json.append('"').toString();
  }

  /** Arbitrary text made to be printable in a failure message. */
  static String show(Object input) {
    String text = String.valueOf(input);
    return text.length() > 300 ? text.substring(0, 300) + "…(" + text.length() + " chars)" : text;
  }
}
