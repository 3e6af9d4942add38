package com.utalk.ops.environment;

import com.fasterxml.jackson.databind.JsonNode;
import com.utalk.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Google's REST APIs (Cloud Logging, Cloud Run) with an OAuth token from Application Default
 * Credentials, as shared's SecretManagerApi calls Secret Manager: the gRPC client libraries are not
 * part of this build. The base URL is a parameter so a local stand-in can answer in tests.
 */
final class GoogleRest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Supplier<String> accessToken;

  GoogleRest(Supplier<String> accessToken) {
    this.accessToken = accessToken;
  }

  JsonNode call(String method, String url, Object body) throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(TIMEOUT)
            .header("Authorization", "Bearer " + accessToken.get())
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(Json.writeBytes(body)));
    HttpResponse<byte[]> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() / 100 != 2) {
      throw new IOException(
          method + " " + url.replaceAll("\\?.*", "") + " answered " + response.statusCode());
    }
    return response.body().length == 0 ? Json.object() : Json.read(response.body());
  }
}
