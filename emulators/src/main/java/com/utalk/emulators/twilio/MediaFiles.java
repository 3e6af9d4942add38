package com.utalk.emulators.twilio;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.utalk.emulators.http.HttpExchanges;
import java.io.IOException;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Twilio's media host for the attachments of inbound messages ({@code MediaUrl0}): GET {@code
 * /2010-04-01/Accounts/{AC}/Messages/{MM}/Media/{ME}} answers a small PNG, or the status the host
 * was told to answer ({@link TwilioStandIn#mediaHostAnswers}), e.g. 404 for media Twilio no longer
 * has.
 */
final class MediaFiles implements HttpHandler {
  private static final Pattern MEDIA =
      Pattern.compile("/2010-04-01/Accounts/[^/]+/Messages/[^/]+/Media/[^/.]+");

  /** A 1x1 transparent PNG. */
  static final byte[] PNG =
      Base64.getDecoder()
          .decode(
              "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");

  private volatile int forcedStatus;

  static boolean handles(String path) {
    return MEDIA.matcher(path).matches();
  }

  /** 0: serve the media; anything else: answer that status instead. */
  void answer(int status) {
    forcedStatus = status;
  }

  int forcedStatus() {
    return forcedStatus;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    int status = forcedStatus;
    if (status != 0) {
      MessagesApi.fail(
          exchange,
          new TwilioError(
              status,
              20404,
              "The requested resource " + exchange.getRequestURI().getPath() + " was not found"));
      return;
    }
    HttpExchanges.send(exchange, 200, "image/png", PNG);
  }
}
