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
 * The SDK's own HTTP client, with Twilio's API host replaced by another base URL (the local
 * stand-in). Everything else (paths, form encoding, auth) is exactly what the SDK sends.
 */
final class RedirectingHttpClient extends HttpClient {
  private static final Pattern TWILIO_HOST = Pattern.compile("^https://[a-z0-9.-]+\\.twilio\\.com");

  private final NetworkHttpClient delegate = new NetworkHttpClient();
  private final String baseUrl;

  RedirectingHttpClient(String baseUrl) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
  }

  @Override
  public Response makeRequest(Request request) {
    Matcher host = TWILIO_HOST.matcher(request.getUrl());
    String url = host.find() ? baseUrl + request.getUrl().substring(host.end()) : request.getUrl();
    Request redirected = new Request(request.getMethod(), url);
    redirected.setAuth(request.getAuthStrategy());
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

  private static void copy(Map<String, List<String>> from, java.util.function.BiConsumer<String, String> to) {
    from.forEach((key, values) -> values.forEach(value -> to.accept(key, value)));
  }
}
