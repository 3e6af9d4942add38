package com.utalk.emulators.testing;

import com.twilio.http.HttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * A Twilio SDK transport for tests that sends what the SDK would send to https://api.twilio.com to
 * the stand-in instead (same path, form, Basic auth). The production equivalent lives with the
 * lead's Twilio client; this one exists so the stand-in is tested with the real SDK.
 */
public final class StandInHttpClient extends HttpClient {
  private static final String TWILIO_API = "https://api.twilio.com";
  private final String baseUrl;
  private final java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();

  public StandInHttpClient(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  @Override
  public Response makeRequest(Request request) {
    String url = request.constructURL().toString();
    if (!url.startsWith(TWILIO_API)) {
      throw new IllegalArgumentException("not a Twilio API URL: " + url);
    }
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(baseUrl + url.substring(TWILIO_API.length())));
    if (request.requiresAuthentication()) {
      builder.header("Authorization", request.getAuthString());
    }
    request
        .getHeaderParams()
        .forEach((name, values) -> values.forEach(value -> builder.header(name, value)));
    builder.header("Accept", "application/json");
    switch (request.getMethod()) {
      case POST ->
          builder
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(request.encodeFormBody()));
      case GET -> builder.GET();
      case DELETE -> builder.DELETE();
      default -> throw new UnsupportedOperationException(request.getMethod().toString());
    }
    try {
      HttpResponse<String> response =
          http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.body(), response.statusCode());
    } catch (IOException e) {
      throw new com.twilio.exception.ApiConnectionException(
          "stand-in unreachable: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new com.twilio.exception.ApiConnectionException("interrupted", e);
    }
  }
}
