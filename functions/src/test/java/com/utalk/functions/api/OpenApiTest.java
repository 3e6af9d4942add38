package com.utalk.functions.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.utalk.config.Settings;
import com.utalk.functions.api.ApiHarness.Response;
import com.utalk.functions.wiring.Backend;
import com.utalk.platform.FunctionCatalog;
import com.utalk.platform.FunctionSpec;
import com.utalk.platform.FunctionTrigger;
import java.time.Clock;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The served OpenAPI document against the router's route table and the function catalog: every
 * route documented, every documented route served, with the access the router enforces.
 */
class OpenApiTest {
  private static ApiHarness api;
  private static JsonNode document;

  @BeforeAll
  static void start() {
    api = ApiHarness.start();
    Response served = api.get("/api/openapi.json", null);
    assertEquals(200, served.status());
    document = served.json();
  }

  @AfterAll
  static void stop() throws Exception {
    api.close();
  }

  /** "METHOD /path" → x-access of every documented operation. */
  private static Map<String, String> documented() {
    Map<String, String> operations = new TreeMap<>();
    Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
    while (paths.hasNext()) {
      Map.Entry<String, JsonNode> path = paths.next();
      path.getValue()
          .fields()
          .forEachRemaining(
              operation ->
                  operations.put(
                      operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(),
                      operation.getValue().path("x-access").asText()));
    }
    return operations;
  }

  private static Map<String, String> routed() {
    Map<String, String> settings = new HashMap<>(ApiHarness.defaults(api.env));
    ApiFunction function = new ApiFunction(new Backend(Settings.of(settings), Clock.systemUTC()));
    Map<String, String> routes = new TreeMap<>();
    for (Route route : function.routes()) {
      String access =
          !route.access().authenticated()
              ? "public"
              : route.access().permission() == null
                  ? "authenticated"
                  : route.access().permission().name();
      routes.put(route.method() + " " + route.path().template(), access);
    }
    return routes;
  }

  @Test
  void documentIsOpenApi3() {
    assertTrue(document.path("openapi").asText().startsWith("3."));
    assertTrue(document.path("components").path("schemas").has("Error"));
  }

  @Test
  void everyApiRouteIsDocumentedAndEveryDocumentedApiRouteExists() {
    Map<String, String> documentedApi = new TreeMap<>(documented());
    documentedApi.keySet().removeIf(key -> key.contains(" /webhooks/"));
    assertEquals(routed(), documentedApi, "route table vs openapi.json (with each route's access)");
  }

  @Test
  void webhooksMatchTheFunctionCatalog() {
    Set<String> catalog = new TreeSet<>();
    for (FunctionSpec spec : FunctionCatalog.FUNCTIONS) {
      if (spec.trigger() instanceof FunctionTrigger.Http http
          && http.path().startsWith("/webhooks/")) {
        catalog.add("POST " + http.path());
      }
    }
    Set<String> documentedWebhooks = new TreeSet<>(documented().keySet());
    documentedWebhooks.removeIf(key -> !key.contains(" /webhooks/"));
    assertEquals(catalog, documentedWebhooks);
  }

  @Test
  void everyOperationDocumentsTheErrorShape() {
    document
        .path("paths")
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fields()
                    .forEachRemaining(
                        operation -> {
                          JsonNode responses = operation.getValue().path("responses");
                          boolean hasError = false;
                          for (Iterator<String> codes = responses.fieldNames(); codes.hasNext(); ) {
                            if (codes.next().matches("[45]\\d\\d")) {
                              hasError = true;
                            }
                          }
                          boolean isLiveness =
                              path.getKey().equals("/health")
                                  || path.getKey().equals("/api/openapi.json");
                          assertTrue(
                              hasError || isLiveness,
                              operation.getKey()
                                  + " "
                                  + path.getKey()
                                  + " documents no error response");
                        }));
  }
}
