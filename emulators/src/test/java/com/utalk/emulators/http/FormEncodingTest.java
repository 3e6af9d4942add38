package com.utalk.emulators.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The form encoding Twilio posts and reads: repeated keys, bare keys, empty pairs, UTF-8. */
class FormEncodingTest {
  @Test
  void repeatedKeysKeepEveryValueInOrderAndBareOrEmptyPairsAreTolerated() {
    Map<String, List<String>> form =
        FormEncoding.parse(
            "MediaUrl=https%3A%2F%2Fa&&MediaUrl=https%3A%2F%2Fb&Flag&Body=hola+%C2%BFqu%C3%A9%3F");

    assertEquals(List.of("https://a", "https://b"), form.get("MediaUrl"));
    assertEquals(List.of(""), form.get("Flag"), "a key without '=' has an empty value");
    assertEquals(List.of("hola ¿qué?"), form.get("Body"));
    assertEquals(List.of("MediaUrl", "Flag", "Body"), List.copyOf(form.keySet()));
  }

  @Test
  void nothingParsesToAnEmptyForm() {
    assertEquals(Map.of(), FormEncoding.parse(null));
    assertEquals(Map.of(), FormEncoding.parse(""));
  }

  @Test
  void encodingRoundTripsAndANullValueIsSentEmpty() {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("Body", "¿a&b=c?");
    params.put("ErrorMessage", null);

    String encoded = FormEncoding.encode(params);

    assertEquals("Body=%C2%BFa%26b%3Dc%3F&ErrorMessage=", encoded);
    assertEquals(
        Map.of("Body", "¿a&b=c?", "ErrorMessage", ""),
        FormEncoding.firstValues(FormEncoding.parse(encoded)));
  }

  @Test
  void firstValuesTakesTheFirstOfEachKeyAndEmptyForAKeyWithoutValues() {
    Map<String, List<String>> params = new LinkedHashMap<>();
    params.put("MediaUrl", List.of("https://a", "https://b"));
    params.put("Nothing", List.of());

    assertEquals(Map.of("MediaUrl", "https://a", "Nothing", ""), FormEncoding.firstValues(params));
  }
}
