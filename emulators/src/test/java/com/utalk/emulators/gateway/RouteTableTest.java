package com.utalk.emulators.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.utalk.platform.FunctionCatalog;
import com.utalk.platform.FunctionSpec;
import com.utalk.platform.FunctionTrigger;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteTableTest {
  private static final URI A = URI.create("http://127.0.0.1:1");
  private static final URI B = URI.create("http://127.0.0.1:2");

  @Test
  void prefixMatchesItselfAndBelowOnly() {
    Route api = new Route("api", "/api", true, A);
    assertTrue(api.matches("/api"));
    assertTrue(api.matches("/api/"));
    assertTrue(api.matches("/api/v1/conversations"));
    assertTrue(!api.matches("/apix"));
    assertTrue(!api.matches("/"));
    Route exact = new Route("hook", "/webhooks/twilio/whatsapp", false, A);
    assertTrue(exact.matches("/webhooks/twilio/whatsapp"));
    assertTrue(!exact.matches("/webhooks/twilio/whatsapp/extra"));
  }

  @Test
  void mostSpecificRouteWins() {
    RouteTable table =
        new RouteTable(
            List.of(new Route("api", "/api", true, A), new Route("admin", "/api/admin", true, B)));
    assertEquals("admin", table.match("/api/admin/users").orElseThrow().name());
    assertEquals("api", table.match("/api/users").orElseThrow().name());
    assertTrue(table.match("/other").isEmpty());
  }

  @Test
  void catalogHttpFunctionsBecomeRoutes() {
    RouteTable table =
        RouteTable.fromCatalog(
            FunctionCatalog.FUNCTIONS,
            spec ->
                URI.create("http://127.0.0.1:" + (8801 + FunctionCatalog.FUNCTIONS.indexOf(spec))));
    long httpFunctions = FunctionCatalog.FUNCTIONS.stream().filter(FunctionSpec::isHttp).count();
    assertEquals(httpFunctions, table.routes().size());
    for (FunctionSpec spec : FunctionCatalog.FUNCTIONS) {
      if (spec.trigger() instanceof FunctionTrigger.Http http) {
        assertEquals(spec.name(), table.match(http.path()).orElseThrow().name());
      }
    }
  }

  @Test
  void aRoutePathMustBeAbsoluteAndTrailingSlashesAreDropped() {
    IllegalArgumentException relative =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> new Route("api", "api", true, A));
    assertEquals("route path must start with '/': api", relative.getMessage());

    Route trailing = new Route("api", "/api//", true, URI.create("http://127.0.0.1:1/"));
    assertEquals("/api", trailing.path());
    assertEquals(A, trailing.upstream());
    assertTrue(trailing.matches("/api/x"));
  }

  @Test
  void aRootPrefixRouteServesEveryPath() {
    Route root = new Route("everything", "/", true, A);
    assertEquals("/", root.path());
    assertTrue(root.matches("/"));
    assertTrue(root.matches("/anything/below"));
    assertTrue(!new Route("home", "/", false, A).matches("/anything"));
  }
}
