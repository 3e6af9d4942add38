package com.utalk.functions.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.utalk.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * GET /api/openapi.json: the hand-written OpenAPI 3 document (src/main/resources/openapi.json). It
 * is written by hand on purpose, so that OpenApiTest comparing it with the route table and the
 * function catalog actually catches a route someone forgot to document, or documented but never
 * built.
 */
final class OpenApiRoute {
  static final String RESOURCE = "/openapi.json";

  private final JsonNode document;

  OpenApiRoute() {
    this.document = load();
  }

  static JsonNode load() {
    try (InputStream in = OpenApiRoute.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("openapi.json is missing from the classpath");
      }
      return Json.read(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<Route> routes() {
    return List.of(Route.get("/api/openapi.json", Access.PUBLIC, request -> Reply.ok(document)));
  }
}
