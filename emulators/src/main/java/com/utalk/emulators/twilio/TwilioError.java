package com.utalk.emulators.twilio;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.utalk.json.Json;
import java.util.Map;

/**
 * An error answer in Twilio's REST shape ({@code code, message, more_info, status}). Also what a
 * test programs as a fault: transient (5xx, the caller should retry) or permanent (4xx, it must
 * not).
 */
public record TwilioError(int status, int code, String message) {
  private static final Map<Integer, String> KNOWN_MESSAGES =
      Map.of(
          63016,
              "Failed to send freeform message because you are outside the allowed window. If you are using WhatsApp, please use a Message Template.",
          21211, "Invalid 'To' Phone Number",
          21408,
              "Permission to send an SMS has not been enabled for the region indicated by the 'To' number",
          21610, "Attempt to send to unsubscribed recipient",
          63003, "Channel could not find To address",
          63018, "Rate limit exceeded for Channel",
          63024, "Invalid message recipient");

  public static TwilioError authenticate() {
    return new TwilioError(401, 20003, "Authenticate");
  }

  public static TwilioError notFound(String path) {
    return new TwilioError(404, 20404, "The requested resource " + path + " was not found");
  }

  /** A 5xx (or 429) Twilio answers when it is unwell: retrying the same send is right. */
  public static TwilioError transientFailure(int httpStatus) {
    return switch (httpStatus) {
      case 429 -> new TwilioError(429, 20429, "Too Many Requests");
      case 503 -> new TwilioError(503, 20503, "Service Unavailable");
      default -> new TwilioError(httpStatus, 20500, "Internal Server Error");
    };
  }

  /** A 400 for a send that will never succeed as is (e.g. 63016: outside the 24 h window). */
  public static TwilioError permanent(int twilioCode) {
    return new TwilioError(400, twilioCode, messageFor(twilioCode));
  }

  /** Twilio's text for a code this stand-in knows, else a generic one naming the code. */
  public static String messageFor(int twilioCode) {
    return KNOWN_MESSAGES.getOrDefault(
        twilioCode, "Twilio error " + twilioCode + " (simulated by the stand-in)");
  }

  public ObjectNode toJson() {
    ObjectNode json = Json.object();
    json.put("code", code);
    json.put("message", message);
    json.put("more_info", "https://www.twilio.com/docs/errors/" + code);
    json.put("status", status);
    return json;
  }
}
