package com.utalk.functions.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.utalk.auth.Principal;
import com.utalk.errors.ValidationException;
import com.utalk.functions.http.ContentType;
import com.utalk.functions.http.HttpCall;
import com.utalk.json.Json;
import com.utalk.validation.JsonText;
import com.utalk.validation.Text;
import com.utalk.versions.ApiVersion;
import java.io.IOException;
import java.util.Map;

/** What an adapter gets: path parameters, query, JSON body, the caller (null on public routes). */
public final class ApiRequest {
  /** Every JSON body of this API is small; this bounds memory and parsing work. */
  static final int MAX_BODY_BYTES = 64 * 1024;

  /** Query parameters are ids, filters, dates and cursors: short. */
  static final int MAX_QUERY_CHARS = 512;

  /** The floor for every JSON string of a request body; fields have tighter caps (docs/api.md). */
  static final int MAX_JSON_STRING_CHARS = 8192;

  private final HttpCall call;
  private final Map<String, String> pathParameters;
  private final Principal principal;
  private final ApiVersion version;

  ApiRequest(
      HttpCall call, Map<String, String> pathParameters, Principal principal, ApiVersion version) {
    this.call = call;
    this.pathParameters = pathParameters;
    this.principal = principal;
    this.version = version;
  }

  /** The API version the client speaks (X-API-Version; the current one when it names none). */
  public ApiVersion apiVersion() {
    return version;
  }

  public Principal principal() {
    return principal;
  }

  public String requestId() {
    return call.requestId();
  }

  public String header(String name) {
    return call.header(name);
  }

  public String path(String name) {
    return pathParameters.get(name);
  }

  public String query(String name) {
    java.util.List<String> values =
        call.request().getQueryParameters().getOrDefault(name, java.util.List.of());
    if (values.size() > 1) {
      throw new ValidationException(name, name + " is given more than once");
    }
    String value = values.isEmpty() || values.get(0).isEmpty() ? null : values.get(0);
    return Text.check(name, value, MAX_QUERY_CHARS);
  }

  public Integer queryInt(String name) {
    String value = query(name);
    try {
      return value == null ? null : Integer.valueOf(value);
    } catch (NumberFormatException e) {
      throw new ValidationException(name, name + " must be a whole number");
    }
  }

  public Long queryLong(String name) {
    String value = query(name);
    try {
      return value == null ? null : Long.valueOf(value);
    } catch (NumberFormatException e) {
      throw new ValidationException(name, name + " must be a whole number");
    }
  }

  public Boolean queryBoolean(String name) {
    String value = query(name);
    if (value == null) {
      return null;
    }
    return switch (value) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new ValidationException(name, name + " must be true or false");
    };
  }

  /** The JSON object body; 415 for another content type, 400 when it is not a JSON object. */
  public JsonBody json() throws IOException {
    ContentType.require(call.request().getContentType().orElse(null), "application/json");
    byte[] bytes = call.body(MAX_BODY_BYTES);
    JsonNode node;
    try {
      node = Json.read(bytes);
    } catch (Json.MalformedJsonException e) {
      throw new ValidationException(null, "request body is not valid JSON");
    }
    if (node == null || !node.isObject()) {
      throw new ValidationException(null, "request body must be a JSON object");
    }
    JsonText.check(node, MAX_JSON_STRING_CHARS);
    return new JsonBody(node);
  }

  /**
   * As {@link #json()} for endpoints whose body is optional: a request with neither a Content-Type
   * nor a body (a bare {@code curl -X POST}) gives null.
   */
  public JsonBody jsonIfPresent() throws IOException {
    if (call.request().getContentType().isEmpty() && call.request().getContentLength() <= 0) {
      return null;
    }
    return json();
  }

  /** Typed access to a JSON object's fields; a field of the wrong type is a 400 naming it. */
  public record JsonBody(JsonNode node) {
    public String string(String field) {
      JsonNode value = node.get(field);
      if (value == null || value.isNull()) {
        return null;
      }
      if (!value.isTextual()) {
        throw new ValidationException(field, field + " must be a string");
      }
      return value.asText();
    }

    /** An optional array of strings; absent or null gives an empty list. */
    public java.util.List<String> strings(String field) {
      JsonNode value = node.get(field);
      if (value == null || value.isNull()) {
        return java.util.List.of();
      }
      if (!value.isArray()) {
        throw new ValidationException(field, field + " must be an array of strings");
      }
      java.util.List<String> items = new java.util.ArrayList<>();
      for (JsonNode item : value) {
        if (!item.isTextual()) {
          throw new ValidationException(field, field + " must be an array of strings");
        }
        items.add(item.asText());
      }
      return java.util.List.copyOf(items);
    }

    public boolean bool(String field, boolean fallback) {
      JsonNode value = node.get(field);
      if (value == null || value.isNull()) {
        return fallback;
      }
      if (!value.isBoolean()) {
        throw new ValidationException(field, field + " must be true or false");
      }
      return value.asBoolean();
    }
  }
}
