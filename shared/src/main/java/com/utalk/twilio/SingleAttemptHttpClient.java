package com.utalk.twilio;

import com.twilio.http.HttpClient;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SDK's own HTTP client with two changes: one attempt per call (the sender's {@code SendPolicy}
 * is the single retry policy; the SDK's hidden retries would multiply it), and optionally Twilio's
 * API host replaced by another base URL (the local stand-in). Paths, form encoding and auth are
 * exactly what the SDK sends.
 */
final class SingleAttemptHttpClient extends HttpClient {
  private static final Pattern TWILIO_HOST = Pattern.compile("^https://[a-z0-9.-]+\\.twilio\\.com");

  /** Apache HttpClient would also silently repeat a POST that got a 503; switched off too. */
  private final NetworkHttpClient delegate =
      new NetworkHttpClient(
          org.apache.hc.client5.http.impl.classic.HttpClientBuilder.create()
              .disableAutomaticRetries()
              .setDefaultRequestConfig(HttpClient.DEFAULT_REQUEST_CONFIG));

  private final String baseUrl;

  /** {@code baseUrl} null keeps Twilio's own hosts. */
  SingleAttemptHttpClient(String baseUrl) {
    this.baseUrl = baseUrl == null ? null : baseUrl.replaceAll("/+$", "");
  }

  @Override
  public Response reliableRequest(Request request) {
    return makeRequest(request);
  }

  @Override
  public Response reliableRequest(
      Request request, int[] retryCodes, int retries, long delayMillis) {
    return makeRequest(request);
  }

  @Override
  public Response makeRequest(Request request) {
    if (baseUrl == null) {
      return delegate.makeRequest(request);
    }
    Matcher host = TWILIO_HOST.matcher(request.getUrl());
    String url = host.find() ? baseUrl + request.getUrl().substring(host.end()) : request.getUrl();
    Request redirected = new Request(request.getMethod(), url);
    if (request.getAuthStrategy() != null) {
      redirected.setAuth(request.getAuthStrategy());
    } else if (request.getUsername() != null) {
      redirected.setAuth(request.getUsername(), request.getPassword());
    }
    copy(request.getQueryParams(), redirected::addQueryParam);
    copy(request.getPostParams(), redirected::addPostParam);
    copy(request.getHeaderParams(), redirected::addHeaderParam);
    if (request.getContentType() != null) {
      redirected.setContentType(request.getContentType());
    }
    if (request.getBody() != null) {
      redirected.setBody(request.getBody());
    }
    return delegate.makeRequest(redirected);
  }

  private static void copy(
      Map<String, List<String>> from, java.util.function.BiConsumer<String, String> to) {
    from.forEach((key, values) -> values.forEach(value -> to.accept(key, value)));
  }
}
