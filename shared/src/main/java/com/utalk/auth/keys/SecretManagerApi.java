package com.utalk.auth.keys;

import com.fasterxml.jackson.databind.JsonNode;
import com.utalk.errors.StorageUnavailableException;
import com.utalk.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;

/**
 * The four Secret Manager REST calls the key ring needs (list, access, add, disable). Plain HTTP
 * with an OAuth token keeps us off the gRPC client library, which this build does not ship.
 */
public final class SecretManagerApi {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private final String endpoint;
  private final String secretName;
  private final Supplier<String> accessToken;

  /** {@code secretName} is {@code projects/{project}/secrets/{secret}}. */
  public SecretManagerApi(String endpoint, String secretName, Supplier<String> accessToken) {
    this.endpoint =
        endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
    this.secretName = secretName;
    this.accessToken = accessToken;
  }

  public String secretName() {
    return secretName;
  }

  /** An enabled version's resource name and creation time. */
  public record Version(String name, Instant createTime) {
    public String number() {
      return name.substring(name.lastIndexOf('/') + 1);
    }
  }

  public List<Version> enabledVersions() {
    List<Version> versions = new ArrayList<>();
    String pageToken = null;
    do {
      String query =
          "?filter=state%3AENABLED&pageSize=100"
              + (pageToken == null
                  ? ""
                  : "&pageToken="
                      + java.net.URLEncoder.encode(
                          pageToken, java.nio.charset.StandardCharsets.UTF_8));
      JsonNode page = call("GET", "/v1/" + secretName + "/versions" + query, null);
      for (JsonNode version : page.path("versions")) {
        versions.add(
            new Version(
                version.path("name").asText(), Instant.parse(version.path("createTime").asText())));
      }
      pageToken = page.path("nextPageToken").asText(null);
      if (pageToken != null && pageToken.isEmpty()) {
        pageToken = null;
      }
    } while (pageToken != null);
    return versions;
  }

  public byte[] access(String versionName) {
    JsonNode answer = call("GET", "/v1/" + versionName + ":access", null);
    return Base64.getDecoder().decode(answer.path("payload").path("data").asText());
  }

  public Version addVersion(byte[] payload) {
    var body = Json.object();
    body.putObject("payload").put("data", Base64.getEncoder().encodeToString(payload));
    JsonNode version = call("POST", "/v1/" + secretName + ":addVersion", Json.writeBytes(body));
    return new Version(
        version.path("name").asText(), Instant.parse(version.path("createTime").asText()));
  }

  public void disable(String versionName) {
    call(
        "POST",
        "/v1/" + versionName + ":disable",
        "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private JsonNode call(String method, String path, byte[] body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(endpoint + path))
            .timeout(TIMEOUT)
            .header("Authorization", "Bearer " + accessToken.get())
            .header("Content-Type", "application/json");
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    try {
      HttpResponse<byte[]> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() / 100 != 2) {
        throw new StorageUnavailableException(
            "Secret Manager answered "
                + response.statusCode()
                + " to "
                + method
                + " "
                + path.replaceAll("\\?.*", ""),
            null);
      }
      return Json.read(response.body());
    } catch (IOException e) {
      throw new StorageUnavailableException("Secret Manager unreachable: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageUnavailableException("interrupted while calling Secret Manager", e);
    }
  }
}
