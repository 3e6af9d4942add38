package com.utalk.emulators.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.utalk.emulators.http.HttpExchanges;
import com.utalk.emulators.http.HttpServers;
import com.utalk.json.Json;
import com.utalk.logging.Log;
import com.utalk.logging.RequestContext;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The local stand-in for the production load balancer: serves the public paths by proxying each
 * request, unchanged, to the function process that owns the path. Answers {@code /health} itself
 * (each upstream's reachability) unless a route claims that path; unknown paths get a JSON 404,
 * unreachable upstreams a JSON 502.
 */
public final class Gateway implements AutoCloseable {
  private static final Log LOG = Log.get(Gateway.class);

  /** Hop-by-hop headers (RFC 9110 §7.6.1) and those the JDK client computes itself. */
  private static final Set<String> NOT_FORWARDED =
      Set.of(
          "connection",
          "keep-alive",
          "proxy-connection",
          "proxy-authenticate",
          "proxy-authorization",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade",
          "host",
          "content-length",
          "expect",
          "date");

  /**
   * {@code upstreams}: what /health reports on (every function, including event-triggered ones).
   */
  public record Options(
      String host, int port, Duration upstreamTimeout, Map<String, URI> upstreams) {
    public static Options forTests() {
      return new Options("127.0.0.1", 0, Duration.ofSeconds(30), Map.of());
    }
  }

  private final RouteTable routes;
  private final Options options;
  private final Map<String, URI> healthTargets = new LinkedHashMap<>();
  private final HttpClient client;
  private final HttpServers.Running server;

  private Gateway(RouteTable routes, Options options) {
    this.routes = routes;
    this.options = options;
    routes.routes().forEach(route -> healthTargets.put(route.name(), route.upstream()));
    healthTargets.putAll(options.upstreams());
    // HTTP/1.1 like the load balancer's backend leg; the client keeps a pool of keep-alive
    // connections per upstream, so a proxied request costs no new TCP handshake.
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER)
            .executor(
                java.util.concurrent.Executors.newCachedThreadPool(
                    HttpServers.daemonThreads("gateway-client")))
            .build();
    this.server = HttpServers.start(options.host(), options.port(), 32, "gateway");
    server.server().createContext("/", this::handle);
    server.begin();
    LOG.info("gateway listening", "baseUrl", baseUrl(), "routes", routes.routes().size());
  }

  public static Gateway start(RouteTable routes, Options options) {
    return new Gateway(routes, options);
  }

  /** On 127.0.0.1 and a free port. */
  public static Gateway start(RouteTable routes) {
    return new Gateway(routes, Options.forTests());
  }

  public String baseUrl() {
    return server.baseUrl();
  }

  /**
   * Serves {@code pathPrefix} in-process instead of proxying it (the local stack's signed media
   * URLs).
   */
  public void mount(String pathPrefix, com.sun.net.httpserver.HttpHandler handler) {
    server.server().createContext(pathPrefix, handler);
  }

  public int port() {
    return server.port();
  }

  private void handle(HttpExchange exchange) throws IOException {
    long started = System.nanoTime();
    String path = exchange.getRequestURI().getPath();
    String requestId =
        RequestContext.fromIncoming(
                exchange.getRequestHeaders().getFirst(RequestContext.REQUEST_ID_HEADER), null, null)
            .requestId();
    try {
      var route = routes.match(path);
      if (route.isEmpty()) {
        if (path.equals("/health")) {
          health(exchange);
        } else {
          error(
              exchange,
              404,
              "not_found",
              "no function serves " + exchange.getRequestMethod() + " " + path,
              requestId);
        }
        return;
      }
      proxy(exchange, route.get(), requestId, started);
    } catch (RuntimeException e) {
      LOG.error("gateway failed on a request", e, "path", path);
      error(exchange, 500, "internal", "the local gateway failed: " + e, requestId);
    } finally {
      exchange.close();
    }
  }

  private void proxy(HttpExchange exchange, Route route, String requestId, long started)
      throws IOException {
    URI incoming = exchange.getRequestURI();
    String target =
        route.upstream()
            + incoming.getRawPath()
            + (incoming.getRawQuery() == null ? "" : "?" + incoming.getRawQuery());
    byte[] body = HttpExchanges.readBody(exchange);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(target))
            .timeout(options.upstreamTimeout())
            .method(
                exchange.getRequestMethod(),
                body.length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    copyRequestHeaders(exchange, request);
    HttpResponse<byte[]> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpTimeoutException e) {
      error(
          exchange,
          504,
          "gateway_timeout",
          route.name() + " did not answer within " + options.upstreamTimeout().toSeconds() + " s",
          requestId);
      return;
    } catch (ConnectException e) {
      error(
          exchange,
          502,
          "bad_gateway",
          route.name() + " is not reachable at " + route.upstream() + " (is it running?)",
          requestId);
      return;
    } catch (IOException e) {
      error(exchange, 502, "bad_gateway", route.name() + " failed: " + e, requestId);
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      error(exchange, 503, "unavailable", "the gateway is shutting down", requestId);
      return;
    }
    Headers out = exchange.getResponseHeaders();
    response
        .headers()
        .map()
        .forEach(
            (name, values) -> {
              if (!name.startsWith(":") && !NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                out.put(name, values);
              }
            });
    HttpExchanges.send(exchange, response.statusCode(), null, response.body());
    LOG.debug(
        "gateway "
            + exchange.getRequestMethod()
            + " "
            + incoming.getRawPath()
            + " -> "
            + route.name(),
        "status",
        response.statusCode(),
        "upstreamMs",
        (System.nanoTime() - started) / 1_000_000);
  }

  /**
   * Everything but hop-by-hop headers, as the load balancer does (X-Twilio-Signature, X-Request-ID,
   * Authorization...), plus the X-Forwarded-* it adds. The JDK server normalises header-name case;
   * HTTP names are case-insensitive, so receivers are unaffected.
   */
  private static void copyRequestHeaders(HttpExchange exchange, HttpRequest.Builder request) {
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> {
              if (NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                return;
              }
              for (String value : values) {
                try {
                  request.header(name, value);
                } catch (IllegalArgumentException restricted) {
                  // a header the JDK client refuses to set; nothing a function relies on
                }
              }
            });
    InetSocketAddress client = exchange.getRemoteAddress();
    String forwardedFor = exchange.getRequestHeaders().getFirst("X-Forwarded-For");
    String clientIp = client.getAddress().getHostAddress();
    request.setHeader(
        "X-Forwarded-For", forwardedFor == null ? clientIp : forwardedFor + ", " + clientIp);
    request.setHeader("X-Forwarded-Proto", "http");
    String host = exchange.getRequestHeaders().getFirst("Host");
    if (host != null) {
      request.setHeader("X-Forwarded-Host", host);
    }
  }

  private void health(HttpExchange exchange) throws IOException {
    ObjectNode report = Json.object();
    ObjectNode functions = report.putObject("functions");
    boolean allUp = true;
    for (Map.Entry<String, URI> target : healthTargets.entrySet()) {
      boolean up = reachable(target.getValue());
      allUp &= up;
      ObjectNode entry = functions.putObject(target.getKey());
      entry.put("upstream", target.getValue().toString());
      entry.put("reachable", up);
    }
    report.put("status", allUp ? "ok" : "degraded");
    HttpExchanges.sendJson(exchange, allUp ? 200 : 503, report);
  }

  /** A TCP connect: cheap, and unlike a GET it does not run (and log) function code every poll. */
  static boolean reachable(URI upstream) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(upstream.getHost(), upstream.getPort()), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void error(
      HttpExchange exchange, int status, String code, String message, String requestId)
      throws IOException {
    exchange.getResponseHeaders().set(RequestContext.REQUEST_ID_HEADER, requestId);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", code);
    body.put("message", message);
    body.put("requestId", requestId);
    HttpExchanges.sendJson(exchange, status, body);
    if (status >= 500) {
      LOG.warn(
          "gateway answered " + status,
          "path",
          exchange.getRequestURI().getRawPath(),
          "message",
          message,
          "requestId",
          requestId);
    }
  }

  /** Routes this gateway serves, most specific first (for banners and docs). */
  public List<Route> routes() {
    return routes.routes();
  }

  @Override
  public void close() {
    server.close();
  }
}
