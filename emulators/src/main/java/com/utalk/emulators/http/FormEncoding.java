package com.utalk.emulators.http;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code application/x-www-form-urlencoded}, the format Twilio speaks both ways. Keys may repeat
 * (Twilio's {@code MediaUrl}), so parsing keeps every value in order.
 */
public final class FormEncoding {
  public static final String CONTENT_TYPE = "application/x-www-form-urlencoded";

  private FormEncoding() {}

  public static Map<String, List<String>> parse(String body) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    if (body == null || body.isEmpty()) {
      return params;
    }
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String key = decode(equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
      params.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
    return params;
  }

  public static String encode(Map<String, String> params) {
    return params.entrySet().stream()
        .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
        .collect(Collectors.joining("&"));
  }

  /** The first value of each key: what Twilio's signature algorithm and most handlers look at. */
  public static Map<String, String> firstValues(Map<String, List<String>> params) {
    Map<String, String> first = new LinkedHashMap<>();
    params.forEach((key, values) -> first.put(key, values.isEmpty() ? "" : values.get(0)));
    return first;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
  }

  private static String decode(String value) {
    return URLDecoder.decode(value, StandardCharsets.UTF_8);
  }
}
