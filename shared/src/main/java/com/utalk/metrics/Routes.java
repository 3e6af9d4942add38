package com.utalk.metrics;

import java.util.regex.Pattern;

/**
 * A route label from a raw path when no router supplied the template: identifiers become {@code
 * {id}} so that a metric gets one series per endpoint, not one per conversation.
 */
public final class Routes {
  private static final Pattern ID_LIKE = Pattern.compile("(?=.*\\d)[A-Za-z0-9_\\-:.+%]{8,}|\\d+");
  private static final int MAX_SEGMENTS = 6;

  private Routes() {}

  public static String normalize(String path) {
    if (path == null || path.isEmpty() || path.equals("/")) {
      return "/";
    }
    StringBuilder route = new StringBuilder();
    String[] segments = path.split("\\?", 2)[0].split("/");
    int used = 0;
    for (String segment : segments) {
      if (segment.isEmpty()) {
        continue;
      }
      if (++used > MAX_SEGMENTS) {
        route.append("/...");
        break;
      }
      route.append('/').append(ID_LIKE.matcher(segment).matches() ? "{id}" : segment);
    }
    return route.length() == 0 ? "/" : route.toString();
  }
}
