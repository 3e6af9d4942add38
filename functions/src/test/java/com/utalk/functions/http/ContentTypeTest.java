package com.utalk.functions.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.utalk.errors.UnsupportedMediaTypeException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Content-Type a JSON or form endpoint accepts: the media type compared, UTF-8 only. */
class ContentTypeTest {
  @Test
  void theMediaTypeIsComparedNotItsSpelling() {
    assertTrue(ContentType.is("Application/JSON ; charset=UTF-8", "application/json"));
    assertTrue(ContentType.is("application/json", "application/json"));
    assertFalse(ContentType.is("application/jsonx", "application/json"));
    assertFalse(ContentType.is(null, "application/json"));
  }

  @Test
  void theCharsetIsReadFromAnyParameterPosition() {
    assertEquals(
        Optional.of("utf-8"), ContentType.charset("text/plain; format=flowed; charset=\"UTF-8\""));
    assertEquals(Optional.empty(), ContentType.charset("application/json"));
    assertEquals(Optional.empty(), ContentType.charset("application/json; =utf-8"));
  }

  @Test
  void onlyUtf8OrNoCharsetIsAccepted() {
    ContentType.require("application/json", "application/json");
    ContentType.require("application/json;charset=utf8", "application/json");
    UnsupportedMediaTypeException latin =
        assertThrows(
            UnsupportedMediaTypeException.class,
            () -> ContentType.require("application/json; charset=iso-8859-1", "application/json"));
    assertEquals(415, latin.status());
    assertEquals("expected Content-Type: application/json in UTF-8", latin.getMessage());
    assertThrows(
        UnsupportedMediaTypeException.class,
        () -> ContentType.require("text/plain", "application/json"));
  }
}
