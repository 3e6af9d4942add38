package com.utalk.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The project's one JSON mapper: ISO-8601 instants, nulls left out, unknown fields tolerated,
 * trailing content after the value and duplicate keys refused. Bytes are read as UTF-8 and invalid
 * UTF-8 is a syntax error (Jackson's byte parser reports it), so it surfaces as {@link
 * MalformedJsonException}.
 */
public final class Json {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          // one JSON value per document: "{...}garbage" is malformed, not "{...}"
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          // {"body":"a","body":"b"} is ambiguous: refused, not silently read as its last value
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .setSerializationInclusion(JsonInclude.Include.NON_NULL);

  private Json() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] writeBytes(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses untrusted input; a syntax error surfaces as {@link MalformedJsonException}. */
  public static JsonNode read(byte[] json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new MalformedJsonException(e.getMessage());
    }
  }

  public static <T> T read(byte[] json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (IOException e) {
      throw new MalformedJsonException(e.getMessage());
    }
  }

  public static <T> T convert(Object value, Class<T> type) {
    return MAPPER.convertValue(value, type);
  }

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** Input that is not valid JSON, or not of the expected shape. */
  public static final class MalformedJsonException extends RuntimeException {
    public MalformedJsonException(String message) {
      super(message);
    }
  }
}
