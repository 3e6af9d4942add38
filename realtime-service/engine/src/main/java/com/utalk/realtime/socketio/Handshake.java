package com.utalk.realtime.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a client presented when it connected: the {@code auth} object of its Socket.IO CONNECT
 * packet, and the query parameters and headers of its first HTTP request. Only handed to the {@link
 * Authenticator} and then dropped, so sockets do not carry the headers around; keep what you need
 * in your {@link java.security.Principal}. Never log it: it holds credentials.
 */
public final class Handshake {
  private final JsonNode auth;
  private final Map<String, List<String>> query;
  private final HttpHeaders headers;
  private final InetSocketAddress remoteAddress;
  private final Transport transport;

  Handshake(
      JsonNode auth,
      Map<String, List<String>> query,
      HttpHeaders headers,
      InetSocketAddress remoteAddress,
      Transport transport) {
    this.auth =
        auth == null || auth.isMissingNode() || auth.isNull()
            ? JsonNodeFactory.instance.objectNode()
            : auth;
    this.query = query == null ? Map.of() : query;
    this.headers = headers;
    this.remoteAddress = remoteAddress;
    this.transport = transport;
  }

  /**
   * A handshake built by hand, for unit tests of an {@link Authenticator}.
   *
   * @param auth the CONNECT auth object (null for none)
   * @param query query parameters of the first request
   * @param headers headers of the first request
   */
  public static Handshake of(
      JsonNode auth, Map<String, String> query, Map<String, String> headers) {
    Map<String, List<String>> queryLists = new java.util.HashMap<>();
    query.forEach((name, value) -> queryLists.put(name, List.of(value)));
    HttpHeaders httpHeaders = new io.netty.handler.codec.http.DefaultHttpHeaders();
    headers.forEach(httpHeaders::add);
    return new Handshake(auth, Map.copyOf(queryLists), httpHeaders, null, Transport.WEBSOCKET);
  }

  /**
   * The {@code auth} option of the client ({@code io(url, {auth: {token}})}); an empty object if
   * none, as in the Node server.
   */
  public JsonNode auth() {
    return auth;
  }

  /**
   * The bearer token: {@code auth.token} when it is a non-empty string, else the {@code token}
   * query parameter.
   */
  public Optional<String> token() {
    JsonNode token = auth.path("token");
    if (token.isTextual() && !token.textValue().isEmpty()) {
      return Optional.of(token.textValue());
    }
    String fromQuery = query("token");
    return fromQuery == null || fromQuery.isEmpty() ? Optional.empty() : Optional.of(fromQuery);
  }

  /** The first value of a query parameter of the first HTTP request, or null. */
  public String query(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** The first value of a header of the first HTTP request (case-insensitive name), or null. */
  public String header(String name) {
    return headers == null ? null : headers.get(name);
  }

  /** All values of a header of the first HTTP request (case-insensitive name). */
  public List<String> headers(String name) {
    return headers == null ? List.of() : headers.getAll(name);
  }

  /**
   * The peer of the TCP connection (a proxy's address behind a load balancer: see X-Forwarded-For).
   */
  public InetSocketAddress remoteAddress() {
    return remoteAddress;
  }

  /** The transport the client opened the session with. */
  public Transport transport() {
    return transport;
  }

  @Override
  public String toString() {
    return "Handshake[remote=" + remoteAddress + ", transport=" + transport + "]";
  }
}
